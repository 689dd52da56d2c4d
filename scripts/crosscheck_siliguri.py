#!/usr/bin/env python3
"""Independent figures for the Siliguri corridor on the World Borders 0.3 layer
(Tests/Fixtures/worldborders/), for CorridorWorldLayerTests (a developer tool;
Python is never a run-time dependency of mapcli).

Built from the definitions, not from mapcli's code:
  * the layer read by GDAL's ogr2ogr into GeoJSON, the four self-crossing
    outlines (CAN, CHL, NOR, RUS) made valid with shapely's make_valid;
  * the corridor: the route 88.0,26.6 -> 88.6,26.3, straight in
    longitude/latitude, sampled every 1e-4 deg, projected into a transverse
    Mercator centred on its bounding box's centre (88.3, 26.45), buffered by
    500 m with flat caps (shapely), densified every 10 m, taken back to degrees,
    and kept to the three countries the route enters (IND, NPL, BGD);
  * India minus the corridor, its pieces ranked by geodesic area (pyproj Geod on
    rings densified every 0.001 deg along longitude/latitude);
  * which piece each neighbour lies along: the length (geodesic) of the piece's
    outline within 100 m of the neighbour (a buffer of 100 m in a transverse
    Mercator centred on the neighbour's box);
  * Nepal and Bangladesh: their distance apart (m) before the corridor, and
    whether the corridor reaches both.
Prints the figures; exits 2 if it cannot run.
Needs shapely >= 2, pyproj >= 3 and GDAL's ogr2ogr.
"""
import json
import warnings
import os
import subprocess
import sys
import tempfile

try:
    import numpy as np
    from pyproj import Geod, Transformer
    from shapely import make_valid, segmentize
    from shapely.geometry import LineString, mapping, shape
    from shapely.ops import transform, unary_union
except ImportError as e:  # pragma: no cover
    print(f"needs shapely and pyproj: {e}", file=sys.stderr)
    sys.exit(2)

warnings.filterwarnings("ignore", category=DeprecationWarning)  # shapely.ops.transform, still right
HERE = os.path.dirname(os.path.abspath(__file__))
SHP = os.path.join(HERE, "..", "Tests", "Fixtures", "worldborders", "TM_WORLD_BORDERS-0.3.shp")
GEOD = Geod(ellps="WGS84")


def layer():
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "w.geojson")
        subprocess.run(["ogr2ogr", "-f", "GeoJSON", "-lco", "SIGNIFICANT_FIGURES=17", out, SHP], check=True)
        data = json.load(open(out))
    return {f["properties"]["ISO3"]: make_valid(shape(f["geometry"])) for f in data["features"]}


def area_km2(g):
    g = segmentize(g, 0.001)
    polys = [g] if g.geom_type == "Polygon" else list(g.geoms)
    return sum(abs(GEOD.geometry_area_perimeter(p)[0]) for p in polys if p.geom_type == "Polygon") / 1e6


def length_km(g):
    g = segmentize(g, 0.001)
    lines = [g] if g.geom_type in ("LineString", "LinearRing") else [x for x in getattr(g, "geoms", []) if x.geom_type == "LineString"]
    return sum(GEOD.geometry_length(l) for l in lines) / 1000


def tmerc(lon, lat):
    f = Transformer.from_crs("EPSG:4326", f"+proj=tmerc +lat_0={lat} +lon_0={lon} +k=1 +x_0=0 +y_0=0 +ellps=WGS84", always_xy=True)
    b = Transformer.from_crs(f"+proj=tmerc +lat_0={lat} +lon_0={lon} +k=1 +x_0=0 +y_0=0 +ellps=WGS84", "EPSG:4326", always_xy=True)
    return f, b


def near(a, b, meters=100):
    """The part of a's outline within `meters` of b."""
    minx, miny, maxx, maxy = b.bounds
    f, back = tmerc((minx + maxx) / 2, (miny + maxy) / 2)
    bm = transform(f.transform, segmentize(b, 0.01)).buffer(meters)
    am = transform(f.transform, segmentize(a.boundary, 0.001))
    return transform(back.transform, segmentize(am.intersection(bm), 10))


def main():
    w = layer()
    route = LineString([(88.0, 26.6), (88.6, 26.3)])
    f, back = tmerc(88.3, 26.45)
    corridor_m = transform(f.transform, segmentize(route, 1e-4)).buffer(500, cap_style="flat")
    corridor = transform(back.transform, segmentize(corridor_m, 10))
    corridor = corridor.intersection(unary_union([w["IND"], w["NPL"], w["BGD"]]))
    print(f"corridor {area_km2(corridor):.2f} km2")
    pieces = w["IND"].difference(corridor)
    parts = sorted(pieces.geoms, key=area_km2, reverse=True)
    areas = [area_km2(p) for p in parts]
    print("India pieces km2:", ", ".join(f"{a:.2f}" for a in areas[:4]), f"({len(parts)} pieces)")
    main_body, cut = parts[0], parts[1]
    for n in ["BTN", "MMR", "CHN", "NPL", "BGD"]:
        on_main, on_cut = length_km(near(main_body, w[n])), length_km(near(cut, w[n]))
        print(f"IND-{n}: within 100 m of the main body {on_main:.2f} km, of the cut-off piece {on_cut:.2f} km")
    g = Geod(ellps="WGS84")
    fa, _ = tmerc(88.3, 26.45)
    npl, bgd = transform(fa.transform, segmentize(w["NPL"], 0.001)), transform(fa.transform, segmentize(w["BGD"], 0.001))
    print(f"NPL-BGD apart before: {npl.distance(bgd):.0f} m (local transverse Mercator)")
    print(f"corridor reaches NPL {corridor.intersects(w['NPL'])}, BGD {corridor.intersects(w['BGD'])}")
    del g


if __name__ == "__main__":
    main()
