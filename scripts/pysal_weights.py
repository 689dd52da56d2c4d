#!/usr/bin/env python3
"""Independent contiguity weights for the shipped provinces, by PySAL (libpysal), recorded once as
test fixtures: Tests/mapcliTests/Golden/provinces-{queen,rook}-pysal.gal. Python is never a run-time
dependency of mapcli; rerun this only when geodata/provinces.geojson changes:
    python3 -m pip install libpysal shapely && python3 scripts/pysal_weights.py
"""
import json
import os

import libpysal
from shapely.geometry import shape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
features = json.load(open(os.path.join(ROOT, "geodata", "provinces.geojson")))["features"]
features.sort(key=lambda f: f["properties"]["id"])
ids = [f["properties"]["id"] for f in features]
polys = [shape(f["geometry"]) for f in features]
for name, cls in (("queen", libpysal.weights.Queen), ("rook", libpysal.weights.Rook)):
    w = cls.from_iterable(polys, ids=ids)
    out = os.path.join(ROOT, "Tests", "mapcliTests", "Golden", f"provinces-{name}-pysal.gal")
    with open(out, "w") as f:
        f.write(f"0 {len(ids)} provinces id\n")
        for i in ids:
            nb = sorted(w.neighbors[i])
            f.write(f"{i} {len(nb)}\n{' '.join(nb)}\n")
    print(out, "libpysal", libpysal.__version__, "pairs:", sum(len(v) for v in w.neighbors.values()) // 2)
