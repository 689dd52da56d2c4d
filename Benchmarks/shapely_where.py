#!/usr/bin/env python3
"""Reference for `mapcli where` at a point in no territory (make bench, issue 28):
the nearest territory of a GeoJSON layer and the geodesic distance to it.

Read the layer (json), build shapely's STRtree over the features, take the
candidates whose boxes come nearest the point (in degrees, a shortlist of 8),
and measure each exactly: the outline densified every 0.001 deg (about 100 m, whose chords stray micrometres from the lines) along
longitude/latitude, projected into an azimuthal equidistant projection centred
on the point (pyproj), where the distance from the centre is the geodesic
distance. Writes {"id", "distance_km"} as JSON (to the millimetre).

  shapely_where.py LAYER.geojson LON LAT --id-field ISO3 -o OUT.json
"""
import argparse
import json

import numpy as np

from pyproj import Transformer
from shapely import STRtree, segmentize, transform
from shapely.geometry import Point, shape


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("layer")
    ap.add_argument("lon", type=float)
    ap.add_argument("lat", type=float)
    ap.add_argument("--id-field", default="ISO3")
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    with open(a.layer) as f:
        features = json.load(f)["features"]
    geoms = [shape(f["geometry"]) for f in features]
    ids = [f["properties"][a.id_field] for f in features]
    tree = STRtree(geoms)
    p = Point(a.lon, a.lat)
    near = sorted(range(len(geoms)), key=lambda i: geoms[i].envelope.distance(p))[:8]
    aeqd = Transformer.from_crs("EPSG:4326", f"+proj=aeqd +lat_0={a.lat} +lon_0={a.lon} +ellps=WGS84", always_xy=True)
    best = None
    for i in near:
        g = transform(segmentize(geoms[i], 0.001), lambda xy: np.column_stack(aeqd.transform(xy[:, 0], xy[:, 1])))
        d = g.distance(Point(0, 0))
        if best is None or d < best[1]:
            best = (ids[i], d)
    del tree
    with open(a.output, "w") as f:
        json.dump({"id": best[0], "distance_km": round(best[1] / 1000, 6)}, f)


if __name__ == "__main__":
    main()
