#!/usr/bin/env python3
"""Adjacency with shapely 2 + pyproj: what a Python user would write
(the "shapely" column of `make bench`, issue 7).

Exact mode (default): load the GeoJSON with json + shapely.geometry.shape;
STRtree.query(geoms, predicate="touches") for the pairs (i < j); vectorised
shapely.relate to classify (boundary/boundary dimension 1 = edge, 0 = point);
for edges the intersection of the two boundaries, line_merge, and the
geodesic length with pyproj.Geod(ellps="WGS84").geometry_length.

Tolerance mode (--tolerance METRES, for data that do not align): all cells
projected once to a transverse Mercator centred on the layer (pyproj +
shapely.transform); pairs from STRtree.query(predicate="dwithin",
distance=tol); each cell's boundary buffered by tol once; the shared border
of A and B is the part of A's boundary inside B's buffered boundary and vice
versa, projected back and measured geodesically, length = their mean; a pair
is an edge contact if that length exceeds 4 × tol, else a point contact.
(The part of a boundary within tol of a tripoint is counted too, so lengths
run up to about 2 × tol / sin(angle) long per border end.)

Output: JSON list [{"a","b","contact","length_km"}] sorted by (a, b), a < b
by id (the feature "id", else properties.id, else "#index"), to stdout or -o.

usage: python3 shapely_adjacency.py FILE.geojson [--tolerance M] [-o OUT]
"""

import argparse
import json
import sys

import numpy as np
import pyproj
import shapely
from shapely.geometry import shape


def load(path):
    with open(path) as f:
        fc = json.load(f)
    ids, geoms = [], []
    for k, feat in enumerate(fc["features"]):
        fid = feat.get("id")
        if fid is None:
            fid = (feat.get("properties") or {}).get("id")
        ids.append(str(fid) if fid is not None else f"#{k}")
        geoms.append(shape(feat["geometry"]))
    return ids, np.array(geoms, dtype=object)


def exact(geoms):
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="touches")
    keep = left < right
    left, right = left[keep], right[keep]
    im = shapely.relate(geoms[left], geoms[right])
    bb = np.array([m[4] for m in im])
    edge = bb == "1"
    point = bb == "0"
    bounds = shapely.boundary(geoms)
    shared = shapely.line_merge(shapely.intersection(bounds[left[edge]], bounds[right[edge]]))
    geod = pyproj.Geod(ellps="WGS84")
    lengths = np.zeros(len(left))
    lengths[edge] = [geod.geometry_length(g) for g in shared]
    sel = edge | point
    return left[sel], right[sel], edge[sel], lengths[sel]


def tolerant(geoms, tol):
    xmin, ymin, xmax, ymax = shapely.total_bounds(geoms)
    lon0, lat0 = (xmin + xmax) / 2, (ymin + ymax) / 2
    crs = f"+proj=tmerc +lat_0={lat0} +lon_0={lon0} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m"
    fwd = pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    inv = pyproj.Transformer.from_crs(crs, "EPSG:4326", always_xy=True)

    def to_m(c):
        x, y = fwd.transform(c[:, 0], c[:, 1])
        return np.column_stack([x, y])

    def to_deg(c):
        x, y = inv.transform(c[:, 0], c[:, 1])
        return np.column_stack([x, y])

    gm = shapely.transform(geoms, to_m)
    tree = shapely.STRtree(gm)
    left, right = tree.query(gm, predicate="dwithin", distance=tol)
    keep = left < right
    left, right = left[keep], right[keep]
    bounds = shapely.boundary(gm)
    near = shapely.buffer(bounds, tol, quad_segs=2)
    ab = shapely.transform(shapely.intersection(bounds[left], near[right]), to_deg)
    ba = shapely.transform(shapely.intersection(bounds[right], near[left]), to_deg)
    geod = pyproj.Geod(ellps="WGS84")
    la = np.array([geod.geometry_length(g) for g in ab])
    lb = np.array([geod.geometry_length(g) for g in ba])
    lengths = (la + lb) / 2
    edge = lengths > 4 * tol
    lengths[~edge] = 0
    return left, right, edge, lengths


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("--tolerance", type=float, default=0.0, help="metres (0: exact mode)")
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    ids, geoms = load(args.file)
    if args.tolerance > 0:
        left, right, edge, lengths = tolerant(geoms, args.tolerance)
    else:
        left, right, edge, lengths = exact(geoms)
    rows = []
    for i, j, e, m in zip(left.tolist(), right.tolist(), edge.tolist(), lengths.tolist()):
        a, b = (ids[i], ids[j]) if ids[i] < ids[j] else (ids[j], ids[i])
        rows.append((a, b, "edge" if e else "point", m / 1000))
    rows.sort()
    text = "[" + ",".join(
        f'\n{{"a":{json.dumps(a)},"b":{json.dumps(b)},"contact":"{c}","length_km":{km:.6f}}}' for a, b, c, km in rows
    ) + "\n]\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
