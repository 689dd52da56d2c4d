#!/usr/bin/env python3
"""Independent adjacency cross-check for mapcli's GeoJSON layers (throwaway tool; Python is never a
run-time dependency of mapcli).

For every pair of features that touch or intersect (shapely 2 STRtree), classify the contact with
DE-9IM: boundaries sharing a line ("F***1****" or, for overlapping inputs, a 1-dimensional boundary
intersection) is an "edge" contact, otherwise "point". The shared border is the intersection of the
two boundaries, line-merged, measured geodesically on WGS84 (pyproj.Geod) along edges straight in longitude/latitude
(RFC 7946, mapcli's reading): each line is first segmentized to 0.001° (about 100 m) in degrees, so
that Geod measures the line as drawn, not the geodesics between its vertices (a 200 km edge at 40° N
is about 5 m longer than its geodesic).

Output CSV on stdout: a_id,b_id,contact,length_km (a_id < b_id, rows sorted, 3 decimals).

Usage:
  python3 scripts/crosscheck_adjacency.py                      # geodata/provinces.geojson
  python3 scripts/crosscheck_adjacency.py --level country      # geodata/countries.geojson
  python3 scripts/crosscheck_adjacency.py path/to/layer.geojson
"""
import argparse
import csv
import json
import os
import sys

import pyproj
import shapely
from shapely.geometry import shape

GEOD = pyproj.Geod(ellps="WGS84")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def shared_border(a, b):
    x = shapely.intersection(a.boundary, b.boundary)
    lines = [g for g in shapely.get_parts(x) if g.geom_type in ("LineString", "MultiLineString")]
    if not lines:
        return None
    return shapely.line_merge(shapely.union_all(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", help="GeoJSON FeatureCollection (default from --level)")
    ap.add_argument("--level", choices=["province", "country"], default="province")
    args = ap.parse_args()
    path = args.path or os.path.join(ROOT, "geodata",
                                     "countries.geojson" if args.level == "country" else "provinces.geojson")
    with open(path, encoding="utf-8") as fh:
        fc = json.load(fh)
    ids = [f["properties"]["id"] for f in fc["features"]]
    geoms = [shape(f["geometry"]) for f in fc["features"]]
    tree = shapely.STRtree(geoms)
    rows = []
    for i, j in zip(*tree.query(geoms, predicate="intersects")):
        if i >= j:
            continue
        a, b = geoms[i], geoms[j]
        m = a.relate(b)
        interiors_meet = m[0] != "F"
        edge = m[4] == "1"          # boundary/boundary intersection is 1-dimensional
        if not edge and not interiors_meet:
            contact = "point"
        elif not interiors_meet:
            contact = "edge"         # "F***1****": touching along a line
        else:
            contact = "overlap"      # interiors intersect: should never happen in a tiling
        line = shared_border(a, b) if edge else None
        km = GEOD.geometry_length(shapely.segmentize(line, 0.001)) / 1000.0 if line is not None else 0.0
        x, y = sorted([ids[i], ids[j]])
        rows.append((x, y, contact, "%.3f" % km))
    rows.sort()
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["a_id", "b_id", "contact", "length_km"])
    w.writerows(rows)


if __name__ == "__main__":
    main()
