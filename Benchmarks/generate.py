#!/usr/bin/env python3
"""Deterministic benchmark data for `make bench` (issue 7).

Writes into Benchmarks/data/ (git-ignored, regenerated when missing):

  voronoi-1k.geojson,  voronoi-10k.geojson,  voronoi-100k.geojson
      Voronoi tessellations of N cells over lon 40..50, lat 36..44 (degrees,
      WGS84), one Polygon Feature per cell with a string id ("c000123").
      The cells come from ONE noded arrangement (Voronoi edges + the box
      outline, snap-rounded on the 1e-7 degree grid, polygonised), so
      neighbours share exactly the same vertices along their common edges.
  voronoi-1k-jitter.geojson, ... -10k-, -100k-
      The same cells, every vertex of every cell moved independently by up to
      1e-7 degree in longitude and latitude (two neighbours' copies of a
      shared vertex move differently, so they no longer align): input for
      tolerance mode.
  route.geojson
      A 500-vertex LineString Feature crossing the region, properties
      {"width_m": 1000}.

Checks (raise on failure): every cell valid; no two cells overlap (STRtree
"overlaps" query empty, sum of areas = area of the union = area of the box,
the union is the box); every undirected edge is used by exactly two cells
(inside) or one (on the box outline), i.e. shared vertices are identical and
there are no T-junctions.

Usage: python3 Benchmarks/generate.py [--out DIR] [--sizes 1000,10000,100000] [--force]
"""

import argparse
import json
import os
import sys
import time

import numpy as np
import shapely
from shapely.geometry import box as shapely_box

SEED = 20261124
WEST, SOUTH, EAST, NORTH = 40.0, 36.0, 50.0, 44.0
GRID = 1e-7
JITTER = 1e-7
LABELS = {1000: "1k", 10000: "10k", 100000: "100k"}


def log(msg):
    print(f"[generate] {msg}", file=sys.stderr, flush=True)


def voronoi_cells(n, rng, bbox=(WEST, SOUTH, EAST, NORTH)):
    """Cells (list of (N_i, 2) float arrays, closed exterior rings, CCW) of
    the Voronoi diagram of n random points, clipped to the box (west, south,
    east, north; the bench's by default), with exact shared vertices
    (snapped on the 1e-7 grid). Also used by scripts/measure_tolerance.py."""
    west, south, east, north = bbox
    pts = np.column_stack([rng.uniform(west, east, n), rng.uniform(south, north, n)])
    region = shapely_box(west, south, east, north)
    edges = shapely.voronoi_polygons(
        shapely.multipoints(pts), extend_to=shapely_box(west - 1, south - 1, east + 1, north + 1), only_edges=True
    )
    # Edges inside the box plus the box outline, noded together on the grid:
    # every node is computed once, so both sides of an edge get the same one.
    lines = shapely.union_all(
        [shapely.intersection(edges, region, grid_size=GRID), region.boundary], grid_size=GRID
    )
    faces = np.asarray(shapely.get_parts(shapely.polygonize(shapely.get_parts(lines))))
    if len(faces) != n:
        raise SystemExit(f"polygonize gave {len(faces)} faces for {n} points")
    # Order the faces as the generating points (cell i holds point i).
    tree = shapely.STRtree(faces)
    pidx, fidx = tree.query(shapely.points(pts), predicate="intersects")
    order = np.full(n, -1)
    order[pidx] = fidx
    if (order < 0).any() or len(np.unique(order)) != n:
        raise SystemExit("generating points do not map one-to-one to faces")
    faces = faces[order]
    rings = []
    for f in faces:
        if len(f.interiors):
            raise SystemExit("a Voronoi cell has a hole")
        ring = np.asarray(f.exterior.coords)
        ring = np.round(ring, 7)  # the snapped doubles, written back exactly at 7 decimals
        keep = np.ones(len(ring), bool)
        keep[1:] = np.any(ring[1:] != ring[:-1], axis=1)  # drop repeated points
        ring = ring[keep]
        if not shapely.is_ccw(shapely.linearrings(ring)):
            ring = ring[::-1]
        # Start each ring at its smallest vertex (stable, readable output).
        body = ring[:-1]
        k = np.lexsort((body[:, 1], body[:, 0]))[0]
        body = np.roll(body, -k, axis=0)
        rings.append(np.vstack([body, body[:1]]))
    return rings


def check_coverage(rings, label, bbox=(WEST, SOUTH, EAST, NORTH)):
    west, south, east, north = bbox
    t0 = time.time()
    polys = np.array([shapely.polygons(r) for r in rings])
    invalid = np.flatnonzero(~shapely.is_valid(polys))
    if len(invalid):
        raise SystemExit(f"{label}: {len(invalid)} invalid cells, first {invalid[:5]}")
    tree = shapely.STRtree(polys)
    overlaps = tree.query(polys, predicate="overlaps")
    if overlaps.shape[1]:
        raise SystemExit(f"{label}: {overlaps.shape[1]} overlapping pairs")
    contained = tree.query(polys, predicate="contains")
    if (contained[0] != contained[1]).any():
        raise SystemExit(f"{label}: a cell contains another")
    box_area = (east - west) * (north - south)
    total = float(shapely.area(polys).sum())
    union = shapely.union_all(polys)
    if abs(total - box_area) > 1e-9 * box_area or abs(union.area - box_area) > 1e-9 * box_area:
        raise SystemExit(f"{label}: areas do not add up: cells {total}, union {union.area}, box {box_area}")
    if union.geom_type != "Polygon" or len(union.interiors):
        raise SystemExit(f"{label}: the union has gaps (holes or parts)")
    # Edge use count: 2 inside, 1 on the box outline, never anything else.
    segs = []
    for r in rings:
        a, b = r[:-1], r[1:]
        swap = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
        lo = np.where(swap[:, None], b, a)
        hi = np.where(swap[:, None], a, b)
        segs.append(np.hstack([lo, hi]))
    segs = np.vstack(segs)
    uniq, counts = np.unique(segs, axis=0, return_counts=True)
    on_box = (
        ((uniq[:, 0] == west) & (uniq[:, 2] == west))
        | ((uniq[:, 0] == east) & (uniq[:, 2] == east))
        | ((uniq[:, 1] == south) & (uniq[:, 3] == south))
        | ((uniq[:, 1] == north) & (uniq[:, 3] == north))
    )
    if (counts[~on_box] != 2).any() or (counts[on_box] != 1).any():
        raise SystemExit(f"{label}: {int((counts[~on_box] != 2).sum())} inner edges not shared by exactly two cells")
    lengths = np.hypot(uniq[:, 2] - uniq[:, 0], uniq[:, 3] - uniq[:, 1])
    log(
        f"{label}: {len(rings)} valid cells, no overlaps, no gaps, {int((~on_box).sum())} shared edges "
        f"(shortest {lengths.min():.1e} deg), {segs.shape[0] / len(rings):.2f} edges per cell on average "
        f"(checked in {time.time() - t0:.1f} s)"
    )


def jittered(rings, rng):
    """Every cell's copy of every vertex moved independently by up to
    JITTER in x and y; cells that would become invalid are re-drawn."""
    def draw(r):
        body = np.round(r[:-1] + rng.uniform(-JITTER, JITTER, size=r[:-1].shape), 9)
        return np.vstack([body, body[:1]])

    out = [draw(r) for r in rings]
    redrawn = 0
    for attempt in range(20):
        bad = np.flatnonzero(~shapely.is_valid(np.array([shapely.polygons(r) for r in out])))
        if not len(bad):
            return out, redrawn
        redrawn += len(bad)
        for i in bad:
            out[i] = draw(rings[i])
    raise SystemExit("could not jitter some cells into valid polygons")


def fmt(x, decimals):
    s = f"{x:.{decimals}f}".rstrip("0")
    return s + "0" if s.endswith(".") else s


def write_cells(path, rings, decimals):
    n = len(rings)
    width = len(str(n - 1))
    with open(path + ".tmp", "w") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        for i, r in enumerate(rings):
            coords = ",".join(f"[{fmt(x, decimals)},{fmt(y, decimals)}]" for x, y in r)
            cid = f"c{i:0{width}d}"
            sep = ",\n" if i + 1 < n else "\n"
            f.write(
                f'{{"type":"Feature","id":"{cid}","properties":{{"id":"{cid}","name":"cell {i}"}},'
                f'"geometry":{{"type":"Polygon","coordinates":[[{coords}]]}}}}{sep}'
            )
        f.write("]}\n")
    os.replace(path + ".tmp", path)


def route(rng):
    """500 vertices from near (40.3, 36.6) to near (49.6, 43.3), gently
    meandering, never crossing itself (monotonic in x)."""
    n = 500
    t = np.linspace(0.0, 1.0, n)
    x = 40.3 + 9.3 * t
    y = 36.6 + 6.7 * t + 0.35 * np.sin(2 * np.pi * 3 * t) + rng.normal(0, 0.004, n)
    y[0], y[-1] = 36.6, 43.3
    coords = np.round(np.column_stack([x, y]), 7)
    line = shapely.linestrings(coords)
    assert shapely.is_simple(line) and len(coords) == n
    return coords


def write_route(path, coords):
    text = ",".join(f"[{fmt(x, 7)},{fmt(y, 7)}]" for x, y in coords)
    with open(path + ".tmp", "w") as f:
        f.write(
            '{"type":"FeatureCollection","features":[{"type":"Feature","id":"bench-route",'
            '"properties":{"name":"bench route","width_m":1000},'
            f'"geometry":{{"type":"LineString","coordinates":[{text}]}}}}]}}\n'
        )
    os.replace(path + ".tmp", path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--force", action="store_true", help="rewrite files that exist")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for n in [int(s) for s in args.sizes.split(",")]:
        label = LABELS.get(n, str(n))
        exact = os.path.join(args.out, f"voronoi-{label}.geojson")
        jitter = os.path.join(args.out, f"voronoi-{label}-jitter.geojson")
        if not args.force and os.path.exists(exact) and os.path.exists(jitter):
            log(f"{label}: present, kept")
            continue
        t0 = time.time()
        rng = np.random.default_rng([SEED, n])
        rings = voronoi_cells(n, rng)
        check_coverage(rings, label)
        write_cells(exact, rings, 7)
        jr, redrawn = jittered(rings, np.random.default_rng([SEED, n, 1]))
        write_cells(jitter, jr, 9)
        log(
            f"{label}: wrote {os.path.getsize(exact) / 1e6:.1f} MB + {os.path.getsize(jitter) / 1e6:.1f} MB (jittered; "
            f"{redrawn} cell jitters re-drawn to stay valid) in {time.time() - t0:.1f} s"
        )
    rpath = os.path.join(args.out, "route.geojson")
    if args.force or not os.path.exists(rpath):
        write_route(rpath, route(np.random.default_rng([SEED, 7])))
        log(f"route: wrote {rpath}")
    # The shipped Syunik corridor route, as a route file for the provinces run.
    spath = os.path.join(args.out, "syunik-route.geojson")
    if args.force or not os.path.exists(spath):
        src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "geodata", "corridors.geojson")
        with open(src) as f:
            fc = json.load(f)
        feat = next(ft for ft in fc["features"] if ft.get("id") == "syunik")
        feat = {"type": "Feature", "id": "syunik", "properties": {"name": "syunik", "width_m": 1000}, "geometry": feat["geometry"]}
        with open(spath, "w") as f:
            json.dump({"type": "FeatureCollection", "features": [feat]}, f)
        log(f"route: wrote {spath}")


if __name__ == "__main__":
    main()
