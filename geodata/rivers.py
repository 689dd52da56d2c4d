#!/usr/bin/env python3
"""geodata/rivers.geojson: the rivers drawn on maps (a context layer, used in no measure).

Source: WDBII rivers of GSHHG 2.3.7 at full resolution (Debian gmt-gshhg-full 2.3.7-6), dumped
with Debian GMT (`gmt coast -Df -I1 -I2 -I3 -M`): level 1 "double-lined rivers" and 2 "permanent
major rivers" are drawn heavier (`major`: true), level 3 "additional major rivers" lighter. The bin
pieces GMT dumps are merged into lines between confluences (shapely line_merge). WDBII carries no
names: a line within NAME_WITHIN_M of a town that stands on a river (the table below, towns of
geodata/places.geojson) takes that river's name, so the Araks is named where it makes the borders
of Armenia, Nakhchivan and Iran. Accuracy: WDBII is a 1:1M-scale product (GSHHG's README: a few
hundred metres to a few km); the borders in countries/provinces.geojson come from OpenStreetMap and
may run beside the drawn river, not on it.

Licence: GSHHG is LGPL-3+ (Wessel & Smith). Run by `make geodata`; needs gmt and gmt-gshhg-full.
"""
import json
import os
import shutil
import subprocess
import sys

import shapely
from pyproj import Geod

REGION = (36.0, 51.0, 36.0, 47.0)  # W, E, S, N: the shipped maps' region
NAME_WITHIN_M = 4000
# River -> towns of places.geojson that stand on it.
ON_RIVER = {
    "Araks": ["Julfa", "Jolfa", "Agarak"],
    "Kura": ["Tbilisi", "Rustavi", "Mingachevir", "Sabirabad"],
    "Hrazdan": ["Yerevan"],
    "Rioni": ["Kutaisi"],
}
ROOT = os.path.dirname(os.path.abspath(__file__))
GEOD = Geod(ellps="WGS84")


def dump():
    if shutil.which("gmt") is None:
        sys.exit("rivers.py needs GMT and the GSHHG full-resolution data: apt-get install gmt gmt-gshhg-full")
    W, E, S, N = REGION
    out = subprocess.run(["gmt", "coast", "-R%g/%g/%g/%g" % (W, E, S, N), "-Df", "-I1", "-I2", "-I3", "-M"],
                         check=True, capture_output=True, text=True).stdout
    pieces, level, pts = [], None, []
    for line in out.splitlines():
        if line.startswith(">"):
            if len(pts) > 1:
                pieces.append((level, pts))
            level = int(line.rsplit("Level", 1)[1]) if "Level" in line else 3
            pts = []
        elif line.strip():
            x, y = map(float, line.split()[:2])
            pts.append((round(x, 5), round(y, 5)))
    if len(pts) > 1:
        pieces.append((level, pts))
    return pieces


def main():
    places = {f["properties"]["name"]: f["geometry"]["coordinates"]
              for f in json.load(open(os.path.join(ROOT, "places.geojson")))["features"]}
    pieces = dump()
    features = []
    for major in (True, False):
        lines = [shapely.linestrings(p) for lvl, p in pieces if (lvl <= 2) == major]
        merged = shapely.line_merge(shapely.union_all(lines))
        for g in shapely.get_parts(merged):
            name = None
            for river, towns in ON_RIVER.items():
                for t in towns:
                    x, y = places[t]
                    near = shapely.ops.nearest_points(g, shapely.points(x, y))[0]
                    if GEOD.inv(x, y, near.x, near.y)[2] <= NAME_WITHIN_M:
                        name = river
            coords = [[round(x, 5), round(y, 5)] for x, y in g.coords]
            features.append((name or "", not major, coords))
    features.sort(key=lambda f: (f[0] == "", f[0], f[1], f[2][0]))
    out = []
    for i, (name, minor, coords) in enumerate(features):
        props = {"major": not minor, "source": "WDBII rivers, GSHHG 2.3.7 full resolution"}
        if name:
            props["name"] = name
        out.append({"type": "Feature", "id": f"river-{i:04d}", "properties": props,
                    "geometry": {"type": "LineString", "coordinates": coords}})
    path = os.path.join(ROOT, "rivers.geojson")
    with open(path + ".tmp", "w") as f:
        json.dump({"type": "FeatureCollection",
                   "attribution": "Rivers: WDBII via GSHHG 2.3.7 (Wessel & Smith), LGPL-3+",
                   "features": out}, f, separators=(",", ":"), ensure_ascii=False)
        f.write("\n")
    os.replace(path + ".tmp", path)
    named = sorted({f[0] for f in features if f[0]})
    print(f"rivers.geojson: {len(out)} lines, named: {', '.join(named)}", file=sys.stderr)


if __name__ == "__main__":
    import shapely.ops  # noqa: F401
    main()
