#!/usr/bin/env python3
"""Independent figures for a corridor across the antimeridian on Natural Earth
110m (Tests/Fixtures/naturalearth/), for CorridorWorldLayerTests (a developer
tool; Python is never a run-time dependency of mapcli).

The route 178.0,70.2 -> -177.5,63.5 crosses Chukotka and 180 deg, which the
layer splits (RFC 7946): Russia's main polygon ends at 180 and its part east
of it starts at -180. Built from the definitions, not from mapcli's code:
  * longitudes west of Greenwich read as +360 (the route then runs 178 -> 182.5
    and Chukotka is one piece of land);
  * the corridor: the route, straight in longitude/latitude, sampled every
    1e-4 deg, projected into a transverse Mercator centred on its box's centre
    (180.25, 66.85), buffered by 500 m with flat caps, densified every 10 m,
    taken back, and kept to Russia (the one country the route enters);
  * Russia east of 175 E minus the corridor, its pieces by geodesic area (pyproj
    Geod, rings densified every 0.001 deg along longitude/latitude): a piece
    that does not reach 175 E is cut off, and lies on both sides of 180.
Prints the figures. Needs shapely >= 2 and pyproj >= 3 (through crosscheck_siliguri.py).
"""
import json
import os

# The same reading, geodesic areas and transverse Mercator as the Siliguri check.
from crosscheck_siliguri import area_km2, tmerc
from shapely import make_valid, segmentize
from shapely.geometry import LineString, box, shape
from shapely.ops import transform, unary_union

HERE = os.path.dirname(os.path.abspath(__file__))
LAYER = os.path.join(HERE, "..", "Tests", "Fixtures", "naturalearth", "naturalearth_lowres.geojson")


def east(g):
    """Polygons wholly west of Greenwich moved 360 deg east."""
    polys = [g] if g.geom_type == "Polygon" else list(g.geoms)
    out = []
    for p in polys:
        if p.bounds[2] <= 0:
            p = transform(lambda x, y: (x + 360, y), p)
        out.append(p)
    return unary_union(out)


def main():
    data = json.load(open(LAYER))
    rus = east(make_valid(shape(next(f for f in data["features"] if f["properties"]["iso_a3"] == "RUS")["geometry"])))
    route = LineString([(178.0, 70.2), (182.5, 63.5)])
    fwd, back = tmerc(180.25, 66.85)
    buf = transform(fwd.transform, segmentize(route, 1e-4)).buffer(500, cap_style="flat")
    corridor = transform(lambda x, y: (lambda lon, lat: (lon % 360, lat))(*back.transform(x, y)), segmentize(buf, 10))
    print(f"corridor in Russia {area_km2(corridor.intersection(rus)):.2f} km2")
    # Chukotka east of 175 E (frame), cut there first: what the corridor cuts off lies in it
    # whole (its pieces that do not reach 175 E), and the overlay stays small. The corridor
    # is taken out unclipped (the same land; a corridor clipped to Russia's own outline leaves
    # GEOS hairline links along the coast that join the pieces).
    local = rus.intersection(box(175, 60, 195, 75)).difference(corridor)
    for p in sorted(local.geoms, key=area_km2, reverse=True):
        print(f"piece {area_km2(p):.2f} km2, longitudes {p.bounds[0]:.3f}..{p.bounds[2]:.3f} (frame)"
              + ("" if p.bounds[0] <= 175 else ": cut off" if p.bounds[3] < 70 else ": an island (Wrangel)"))


if __name__ == "__main__":
    main()
