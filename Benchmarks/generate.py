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
  voronoi-100k-full.geojson (issue 17; with --full, for every size asked)
      The same cells written as data from elsewhere comes: every vertex
      inside the box moved by a deterministic offset of up to 3e-9 degree
      (a function of the vertex, so neighbours' copies stay identical) and
      written at full double precision (repr, 16-17 digits), each ring
      starting at a random vertex, the features in random order.
  voronoi-100k-flawed.geojson (issue 17; with --full)
      The clean cells with two flaws, far apart: one T-junction (a cell's
      copy of a shared edge holding a vertex the other's lacks, exactly on
      the edge) and one microscopic overlap (one shared vertex of one cell
      pushed 1e-9 degree into its neighbour). Everything else is clean: the
      fast path should fall back only around the two flaws (and refuses the
      layer for the overlap, as the GEOS path does).
  voronoi-100k-tjunction.geojson (issue 17; with --full)
      The clean cells with the T-junction only: an answer, not a refusal.
  voronoi-1m.geojson (issue 17; --sizes 1000000)
      One million cells (about 300 MB): the 100k cells ten times side by
      side, copy k moved 10.5 k degrees east (lon 40 to 149.5), so that the
      copies do not touch (a shapely Voronoi diagram of a million points is
      an hour here; the work per cell is the same). No jittered copy.
  route.geojson
      A 500-vertex LineString Feature crossing the region, properties
      {"width_m": 1000}.

Checks (raise on failure): every cell valid; no two cells overlap (STRtree
"overlaps" query empty, sum of areas = area of the union = area of the box,
the union is the box); every undirected edge is used by exactly two cells
(inside) or one (on the box outline), i.e. shared vertices are identical and
there are no T-junctions.

Usage: python3 Benchmarks/generate.py [--out DIR] [--sizes 1000,10000,100000] [--full] [--no-jitter] [--force]
"""

import argparse
from fractions import Fraction
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
LABELS = {1000: "1k", 10000: "10k", 100000: "100k", 1000000: "1m"}


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


def full_precision(rings, rng):
    """The cells as full-precision data in random order (see the top of the file)."""
    def moved(v):
        # A deterministic function of the vertex: both neighbours' copies move alike.
        inside = (v[:, 0] > WEST) & (v[:, 0] < EAST) & (v[:, 1] > SOUTH) & (v[:, 1] < NORTH)
        h = np.sin(v[:, 0] * 12_345.678 + v[:, 1] * 98_765.4321) * 43_758.5453
        frac = h - np.floor(h)
        g = np.sin(v[:, 0] * 54_321.123 - v[:, 1] * 11_111.777) * 24_634.6345
        frac2 = g - np.floor(g)
        out = v.copy()
        out[inside, 0] += (frac[inside] - 0.5) * 6e-9
        out[inside, 1] += (frac2[inside] - 0.5) * 6e-9
        return out

    out = []
    for r in rings:
        body = moved(r[:-1])
        k = int(rng.integers(len(body)))
        body = np.roll(body, -k, axis=0)
        out.append(np.vstack([body, body[:1]]))
    order = rng.permutation(len(out))
    return [out[i] for i in order], order


def flawed(rings):
    """Two flaws in a clean layer: a T-junction in one cell near the south-west,
    a 1e-9 degree overlap in one near the north-east (see the top of the file)."""
    out = [r.copy() for r in rings]
    segs = {}
    for c, r in enumerate(rings):
        for a, b in zip(r[:-1], r[1:]):
            segs.setdefault((tuple(a), tuple(b)), c)

    def cell_near(x, y):
        return int(np.argmin([np.hypot(*(r[:-1].mean(axis=0) - (x, y))) for r in rings]))

    # T-junction: cell A gets a vertex on an edge it shares with B, exactly on it (checked in
    # exact rational arithmetic: a point only near the edge makes a microscopic gap or overlap
    # instead, which the fast path rightly takes for no flaw or for an overlap); B's copy of the
    # edge has none.
    def on_segment(p, q, m):
        px, py, qx, qy, mx, my = (Fraction(float(v)) for v in (*p, *q, *m))
        return (qx - px) * (my - py) - (qy - py) * (mx - px) == 0

    a = cell_near(WEST + 1, SOUTH + 1)
    ra = rings[a][:-1]
    found = False
    for k in range(len(ra)):
        p, q = ra[k], ra[(k + 1) % len(ra)]
        if (tuple(q), tuple(p)) not in segs:
            continue
        for t in (0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875):
            mid = p + t * (q - p)
            if on_segment(p, q, mid) and tuple(mid) not in (tuple(p), tuple(q)):
                body = np.insert(ra, k + 1, mid, axis=0)
                out[a] = np.vstack([body, body[:1]])
                found = True
                break
        if found:
            break
    if not found:
        raise SystemExit("no shared edge with a point exactly on it for the T-junction")
    # Overlap: move one vertex of cell C, shared with its neighbours, 1e-9 degree outward.
    c = cell_near(EAST - 1, NORTH - 1)
    rc = rings[c][:-1].copy()
    centre = rc.mean(axis=0)
    k = 0
    d = rc[k] - centre
    rc[k] = rc[k] + 1e-9 * d / np.hypot(*d)
    out[c] = np.vstack([rc, rc[:1]])
    for r in (out[a], out[c]):
        if not shapely.is_valid(shapely.polygons(r)):
            raise SystemExit("a flawed cell is not a valid polygon")
    tjunction = list(rings)
    tjunction[a] = out[a]
    return out, tjunction, (a, c)


def write_cells_full(path, rings, ids):
    with open(path + ".tmp", "w") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        for i, (r, cid) in enumerate(zip(rings, ids)):
            coords = ",".join(f"[{float(x)!r},{float(y)!r}]" for x, y in r)
            sep = ",\n" if i + 1 < len(rings) else "\n"
            f.write(
                f'{{"type":"Feature","id":"{cid}","properties":{{"id":"{cid}","name":"{cid}"}},'
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
    ap.add_argument("--full", action="store_true", help="also the full-precision and the flawed copies (issue 17)")
    ap.add_argument("--no-jitter", action="store_true", help="leave out the jittered copy")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for n in [int(s) for s in args.sizes.split(",")]:
        label = LABELS.get(n, str(n))
        exact = os.path.join(args.out, f"voronoi-{label}.geojson")
        jitter = os.path.join(args.out, f"voronoi-{label}-jitter.geojson")
        full = os.path.join(args.out, f"voronoi-{label}-full.geojson")
        flaw = os.path.join(args.out, f"voronoi-{label}-flawed.geojson")
        tjunction = os.path.join(args.out, f"voronoi-{label}-tjunction.geojson")
        wanted = [exact] + ([] if args.no_jitter else [jitter]) + ([full, flaw, tjunction] if args.full else [])
        if not args.force and all(os.path.exists(p) for p in wanted):
            log(f"{label}: present, kept")
            continue
        t0 = time.time()
        if n == 1_000_000:
            rng = np.random.default_rng([SEED, 100_000])
            base = voronoi_cells(100_000, rng)
            check_coverage(base, "100k (for 1m)")
            rings = [r + np.array([10.5 * k, 0.0]) for k in range(10) for r in base]
            write_cells(exact, rings, 7)
            log(f"1m: ten shifted copies of the 100k cells written in {time.time() - t0:.1f} s "
                f"({os.path.getsize(exact) / 1e6:.1f} MB)")
            continue
        rng = np.random.default_rng([SEED, n])
        rings = voronoi_cells(n, rng)
        check_coverage(rings, label)
        width = len(str(n - 1))
        if args.force or not os.path.exists(exact):
            write_cells(exact, rings, 7)
        if not args.no_jitter and (args.force or not os.path.exists(jitter)):
            jr, redrawn = jittered(rings, np.random.default_rng([SEED, n, 1]))
            write_cells(jitter, jr, 9)
            log(f"{label}: jittered copy ({redrawn} cell jitters re-drawn to stay valid)")
        if args.full:
            fr, order = full_precision(rings, np.random.default_rng([SEED, n, 2]))
            check_coverage(fr, label + " full precision")
            write_cells_full(full, fr, [f"c{i:0{width}d}" for i in order])
            # The flaws are put in small layers' cells by a scan of all rings: fine up to 100k.
            fl, tj, (a, c) = flawed(rings) if n <= 100_000 else (None, None, (None, None))
            if fl is not None:
                write_cells_full(os.path.join(args.out, f"voronoi-{label}-tjunction.geojson"), tj, [f"c{i:0{width}d}" for i in range(n)])
                # At full precision: 7 decimals would round the 1e-9 degree push away and move the
                # T-junction's vertex up to 5e-8 degree off the edge it lies on.
                write_cells_full(flaw, fl, [f"c{i:0{width}d}" for i in range(n)])
                log(f"{label}: flawed copy: T-junction in c{a:0{width}d}, 1e-9 degree overlap in c{c:0{width}d}")
        log(f"{label}: written in {time.time() - t0:.1f} s ({os.path.getsize(exact) / 1e6:.1f} MB clean)")
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
