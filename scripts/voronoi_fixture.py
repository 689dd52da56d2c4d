#!/usr/bin/env python3
"""The test layer of scripts/test-gdal-sources.sh (issue 14): a Voronoi
tessellation of 300 cells over lon 44.0..46.5, lat 38.8..41.3, made with
Benchmarks/generate.py's noded construction (neighbours share exact
vertices), features in random order, and the adjacency of those cells as
shapely 2 + pyproj compute it, independently of mapcli.

Writes (committed; run again only to change the layer):
  Tests/mapcliTests/Golden/voronoi-300.geojson       one Polygon per cell, properties id ("v017") and name
  Tests/mapcliTests/Golden/voronoi-300-shapely.csv   a,b,contact,length_m (DE-9IM contact, boundary
                                                     intersection line-merged, geodesic length on WGS84)

Throwaway tool: Python is never needed by mapcli or `make test`.
"""
import csv
import json
import os
import sys

import numpy as np
import pyproj
import shapely

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
import generate  # noqa: E402

generate.WEST, generate.SOUTH, generate.EAST, generate.NORTH = 44.0, 38.8, 46.5, 41.3
N = 300
GOLDEN = os.path.join(ROOT, "Tests", "mapcliTests", "Golden")
GEOD = pyproj.Geod(ellps="WGS84")


def main():
    rng = np.random.default_rng(20261202)
    rings = generate.voronoi_cells(N, rng)
    order = rng.permutation(N)
    features = []
    for k in order:
        cid = f"v{k:03d}"
        features.append({
            "type": "Feature",
            "properties": {"id": cid, "name": f"cell {k}"},
            "geometry": {"type": "Polygon", "coordinates": [[[float(x), float(y)] for x, y in rings[k]]]},
        })
    with open(os.path.join(GOLDEN, "voronoi-300.geojson"), "w") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, separators=(",", ":"))
        f.write("\n")
    ids = [f"v{k:03d}" for k in range(N)]
    polys = [shapely.polygons(r) for r in rings]
    tree = shapely.STRtree(polys)
    rows = []
    for i, j in zip(*tree.query(polys, predicate="intersects")):
        if i >= j:
            continue
        m = polys[i].relate(polys[j])
        if m[0] != "F":
            raise SystemExit(f"{ids[i]} and {ids[j]} overlap")
        if m[4] == "1":
            x = shapely.intersection(polys[i].boundary, polys[j].boundary)
            lines = [g for g in shapely.get_parts(x) if g.geom_type in ("LineString", "MultiLineString")]
            length = GEOD.geometry_length(shapely.line_merge(shapely.union_all(lines)))
            rows.append((ids[i], ids[j], "edge", "%.3f" % length))
        else:
            rows.append((ids[i], ids[j], "point", "0.000"))
    rows.sort()
    with open(os.path.join(GOLDEN, "voronoi-300-shapely.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["a", "b", "contact", "length_m"])
        w.writerows(rows)
    print(f"{N} cells, {len(rows)} pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
