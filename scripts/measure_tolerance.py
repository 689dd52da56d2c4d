#!/usr/bin/env python3
"""Independent measurement of mapcli's tolerance mode against a clean truth (throwaway tool;
Python is never a run-time dependency of mapcli).

Target (from the issue): at 1 m tolerance on jittered layers, the tolerance-mode length of 99 % of
borders is within max(0.1 % of the clean length, 0.6 m) of the clean length, and no long border
(> 10 km) loses length beyond that band.

What it does
  1. Clean layers: seeded Voronoi tessellations (numpy RNG), clipped to a box, noded on the 1e-7°
     grid (Voronoi edges and the box outline unioned with grid_size=1e-7, then polygonised), so
     neighbours share identical vertices. Checked: every cell valid, sum of areas = union = box, every
     inner edge used by exactly two cells and every outline edge by one (no T-junctions).
     Layers: 2,000 and 10,000 cells over lon 40..50, lat 36..44, and 2,000 cells over lon 40..50,
     lat 60..66.
     Truth = mapcli's exact-mode lengths on the clean layer. A sample of them is cross-checked with
     shapely + pyproj: intersection of the two cells' boundaries, line-merged, segmentized to 0.001°
     and measured with Geod(ellps='WGS84').geometry_length (edges straight in lon/lat, as mapcli's
     exact mode reads them).
  2. Jittered copies, each a misalignment well inside 1 m (every polygon kept valid, redrawn if not):
       a  every vertex of every cell moved independently by up to 0.3 m (uniform in a disk), so two
          neighbours' copies of a shared vertex move differently;
       b  per pair of neighbours one side (random) keeps its vertices, the other gets extra points
          inserted along the shared edge every 50–200 m (random spacing), each moved up to 0.3 m
          sideways (perpendicular to the edge);
       c  every second cell (odd index, a checkerboard by id) shifted by 0.4 m towards azimuth 35°
          (gaps on one side, overlaps on the other; two shifted neighbours stay aligned).
     Written as GeoJSON FeatureCollections, string ids ("c01234"), 9-decimal coordinates.
  3. `mapcli adjacency --data F --tolerance 1m` per jittered copy, compared border by border with
     the clean truth: share within the target, p50/p99/max absolute and relative errors, pairs
     missing (a clean edge border absent, or reported as a point: both count with the whole clean
     length as error) and extra (split into clean single-point contacts, pairs whose clean cells
     lie within the tolerance of each other, and others), and the worst loss among borders over
     10 km. Lengths: JSON rounds length_km to 3 decimals (1 m), too coarse for a 0.6 m target, so
     lengths are read from `--format gwt` (km to 6 decimals, 1 mm) and contact kinds and end points
     from `--format json`; the two are checked to agree.
  4. The reported mirror case ("a mirror-symmetric layout of gross overlaps gets asymmetric
     lengths, 0.10 vs 2.58 km"): two pairs of squares near lon 30 and lon 31, lat 50, the second
     the mirror image (about lon 30.5) of the first, each pair overlapping by a strip a few hundred
     metres wide; tolerance mode at 50 m and 200 m. Reflection in a meridian and a shift in
     longitude are isometries of the ellipsoid and keep edges straight in lon/lat, so the two
     pairs' lengths must agree (to centimetres: mapcli's projection cells differ slightly). An
     independent probe reading of mapcli's documented rule (perpendicular outward probes from A's
     boundary reaching B within the tolerance, or starting inside B; mean of A→B and B→A) gives
     the expected length.
  Worst offenders are written out as small GeoJSON excerpts (the pair and every cell within 5 m
  of it) with the command that reproduces them.

Usage:
  python3 scripts/measure_tolerance.py /path/to/mapcli [--out DIR] [--quick]
Exit status: 0 when every jittered layer meets the target and the mirror pairs agree, 1 otherwise.
About 6 minutes of CPU (5.5 min wall on 2 cores; mapcli runs under `nice -n 10`); --quick: 2 min.
"""
import argparse
import json
import math
import os
import resource
import subprocess
import sys
import time

import numpy as np
import pyproj
import shapely

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Benchmarks"))
import generate  # noqa: E402  (the bench's Voronoi generator and coverage checks)

GEOD = pyproj.Geod(ellps="WGS84")
TOL_M = 1.0
ABS_FLOOR_M = 0.6
REL = 1e-3
SHARE_TARGET = 0.99
LONG_M = 10_000.0
A_WGS, F_WGS = 6378137.0, 1 / 298.257223563
E2 = F_WGS * (2 - F_WGS)

LAYERS = [  # name, cells, west, south, east, north, seed
    ("mid-2k", 2000, 40.0, 36.0, 50.0, 44.0, 202612031),
    ("mid-10k", 10000, 40.0, 36.0, 50.0, 44.0, 202612032),
    ("high-2k", 2000, 40.0, 60.0, 50.0, 66.0, 202612033),
]
KINDS = {
    "a": "every vertex moved independently by up to 0.3 m",
    "b": "one side densified every 50-200 m, inserted points moved up to 0.3 m sideways",
    "c": "every second cell shifted 0.4 m towards azimuth 35 deg",
}


def log(msg):
    print(msg, flush=True)


def m_per_deg(lat):
    """Metres per degree of longitude and of latitude at these latitudes (WGS84)."""
    phi = np.radians(lat)
    s2 = np.sin(phi) ** 2
    w = np.sqrt(1 - E2 * s2)
    n = A_WGS / w
    m = A_WGS * (1 - E2) / w**3
    return n * np.cos(phi) * math.pi / 180, m * math.pi / 180


# ---------------------------------------------------------------- clean layers

def seg_keys(ring):
    """Undirected segment keys (lo, hi as tuples) of a closed ring."""
    a, b = ring[:-1], ring[1:]
    out = []
    for p, q in zip(map(tuple, a), map(tuple, b)):
        out.append((p, q) if p <= q else (q, p))
    return out


def check_clean(rings, bbox, label):
    """The bench generator's coverage checks (valid, no overlaps, no gaps, every inner edge used by
    two cells, every outline edge by one), and which cells use each undirected segment."""
    generate.check_coverage(rings, label, bbox)
    polys = np.array([shapely.polygons(r) for r in rings])
    use = {}
    for i, r in enumerate(rings):
        for k in seg_keys(r):
            use.setdefault(k, []).append(i)
    return polys, use


# ---------------------------------------------------------------- jitter

def fix_ring(body):
    body = np.round(body, 9)
    return np.vstack([body, body[:1]])


def valid(ring):
    return bool(shapely.is_valid(shapely.polygons(ring)))


def jitter_a(rings, rng, r_max=0.3):
    def draw(r):
        body = r[:-1]
        mx, my = m_per_deg(body[:, 1])
        rad = r_max * np.sqrt(rng.uniform(0, 1, len(body)))
        ang = rng.uniform(0, 2 * math.pi, len(body))
        return fix_ring(body + np.column_stack([rad * np.cos(ang) / mx, rad * np.sin(ang) / my]))
    return redraw_invalid(len(rings), lambda i: draw(rings[i]), "jitter")


def redraw_invalid(count, draw_i, verb, attempts=200):
    """Cells 0..count-1 drawn by draw_i(i), each drawn again until valid; and how many redraws."""
    out = [draw_i(i) for i in range(count)]
    redrawn = 0
    for i in range(count):
        k = 0
        while not valid(out[i]):
            k += 1
            redrawn += 1
            if k > attempts:
                raise SystemExit(f"could not {verb} cell {i} into a valid polygon")
            out[i] = draw_i(i)
    return out, redrawn


def jitter_b(rings, use, rng, r_max=0.3, spacing=(50.0, 200.0)):
    """Per pair of neighbours, one side (random) gets points inserted along each shared segment
    every 50-200 m, moved up to r_max sideways; the other keeps its vertices."""
    pair_side = {}
    for cells in use.values():
        if len(cells) == 2:
            key = (min(cells), max(cells))
            if key not in pair_side:
                pair_side[key] = key[int(rng.integers(0, 2))]
    # Insertion parameters along each (cell, segment index) that gets points.
    plan = []
    inserted = 0
    for i, r in enumerate(rings):
        per_seg = {}
        for s, k in enumerate(seg_keys(r)):
            cells = use[k]
            if len(cells) != 2:
                continue
            other = cells[0] if cells[1] == i else cells[1]
            if pair_side[(min(i, other), max(i, other))] != i:
                continue
            p, q = r[s], r[s + 1]
            mx, my = m_per_deg(0.5 * (p[1] + q[1]))
            dx, dy = (q[0] - p[0]) * mx, (q[1] - p[1]) * my
            length = math.hypot(dx, dy)
            ts, d = [], rng.uniform(*spacing)
            while d < length - 1.0:
                ts.append(d / length)
                d += rng.uniform(*spacing)
            if ts:
                # unit normal in metres, converted to degrees per metre
                nx, ny = -dy / length, dx / length
                per_seg[s] = (np.array(ts), nx / mx, ny / my)
                inserted += len(ts)
        plan.append(per_seg)

    def draw_i(i):
        r = rings[i]
        parts = []
        for s in range(len(r) - 1):
            parts.append(r[s:s + 1])
            if s in plan[i]:
                ts, ndx, ndy = plan[i][s]
                base = r[s] + ts[:, None] * (r[s + 1] - r[s])
                off = rng.uniform(-r_max, r_max, len(ts))
                parts.append(base + np.column_stack([off * ndx, off * ndy]))
        return fix_ring(np.vstack(parts))

    out, redrawn = redraw_invalid(len(rings), draw_i, "densify")
    return out, redrawn, inserted


def jitter_c(rings, shift_m=0.4, azimuth_deg=35.0):
    az = math.radians(azimuth_deg)
    out = []
    for i, r in enumerate(rings):
        if i % 2 == 0:
            out.append(r.copy())
            continue
        body = r[:-1]
        mx, my = m_per_deg(body[:, 1])  # a function of the vertex: shared vertices move alike
        out.append(fix_ring(body + np.column_stack([shift_m * math.sin(az) / mx, shift_m * math.cos(az) / my])))
    bad = [i for i, r in enumerate(out) if not valid(r)]
    if bad:
        raise SystemExit(f"shift made cells {bad[:5]} invalid")
    return out


# ---------------------------------------------------------------- files and mapcli

def cell_id(i, n):
    return f"c{i:0{len(str(n - 1))}d}"


def fmt(x):
    s = f"{x:.9f}".rstrip("0")
    return s + "0" if s.endswith(".") else s


def write_layer(path, rings, ids, names=None):
    with open(path + ".tmp", "w") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        for k, (r, cid) in enumerate(zip(rings, ids)):
            coords = ",".join(f"[{fmt(x)},{fmt(y)}]" for x, y in r)
            name = names[k] if names else cid
            sep = ",\n" if k + 1 < len(rings) else "\n"
            f.write(f'{{"type":"Feature","id":"{cid}","properties":{{"id":"{cid}","name":"{name}"}},'
                    f'"geometry":{{"type":"Polygon","coordinates":[[{coords}]]}}}}{sep}')
        f.write("]}\n")
    os.replace(path + ".tmp", path)


CPU = {"mapcli": 0.0}


def run_mapcli(binary, data, fmt_name, out, tolerance=None):
    cmd = ["nice", "-n", "10", binary, "adjacency", "--data", data, "--format", fmt_name, "-o", out]
    if tolerance is not None:
        cmd += ["--tolerance", tolerance]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["mapcli"] += (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if p.returncode != 0:
        raise SystemExit(f"mapcli failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr}")
    return time.time() - t0


def read_gwt(path):
    out = {}
    with open(path) as f:
        next(f)
        for line in f:
            a, b, w = line.split()
            if a < b:
                out[(a, b)] = float(w) * 1000
    return out


def read_result(binary, data, stem, tolerance=None, with_json=True):
    """{(a, b): border} with 'length_m' from gwt (km to 6 decimals: 1 mm; JSON rounds to 1 m).
    With JSON too (clean layers, small cases): contact kinds, end points, gaps and overlaps from it,
    checked against gwt. Without (the large jittered layers: halves the CPU): contact = point
    exactly when the gwt weight is 0, as `adjacency --help` says."""
    wall = run_mapcli(binary, data, "gwt", stem + ".gwt", tolerance)
    gwt = read_gwt(stem + ".gwt")
    if not with_json:
        return {k: {"a": k[0], "b": k[1], "contact": "edge" if w > 0 else "point", "length_m": w}
                for k, w in gwt.items()}, wall
    wall += run_mapcli(binary, data, "json", stem + ".json", tolerance)
    with open(stem + ".json") as f:
        doc = json.load(f)
    borders = {(b["a"], b["b"]): b for b in doc["borders"]}
    if set(gwt) != set(borders):
        raise SystemExit(f"{stem}: gwt and json list different pairs ({len(set(gwt) ^ set(borders))} differ)")
    for k, b in borders.items():
        b["length_m"] = gwt[k]
        if abs(gwt[k] / 1000 - b["length_km"]) > 0.0005 + 1e-9:
            raise SystemExit(f"{stem}: {k} gwt {gwt[k]} m vs json {b['length_km']} km")
        if (b["contact"] == "point") != (gwt[k] == 0):
            raise SystemExit(f"{stem}: {k} contact {b['contact']} but gwt weight {gwt[k]}")
    return borders, wall


# ---------------------------------------------------------------- comparison

def shapely_length(pa, pb):
    x = shapely.intersection(pa.boundary, pb.boundary)
    lines = [g for g in shapely.get_parts(x) if g.geom_type in ("LineString", "MultiLineString")]
    if not lines:
        return 0.0
    merged = shapely.line_merge(shapely.union_all(lines))
    return GEOD.geometry_length(shapely.segmentize(merged, 0.001))


def metric_distance(pa, pb):
    """Distance (m) between two polygons, in a local equirectangular frame (fine for < km)."""
    lat0 = 0.5 * (pa.centroid.y + pb.centroid.y)
    mx, my = m_per_deg(lat0)
    def t(g):
        return shapely.transform(g, lambda c: c * np.array([mx, my]))
    return float(t(pa).distance(t(pb)))


def pct(values, q):
    return float(np.percentile(values, q)) if len(values) else float("nan")


def compare(clean, tol, polys_clean, index):
    """Per clean edge border: error and status. Returns stats and rows."""
    rows = []
    for key, c in clean.items():
        if c["contact"] != "edge":
            continue
        L = c["length_m"]
        t = tol.get(key)
        if t is None:
            status, got = "missing", 0.0
        elif t["contact"] != "edge":
            status, got = "as-point", 0.0
        else:
            status, got = "found", t["length_m"]
        err = got - L
        band = max(REL * L, ABS_FLOOR_M)
        rows.append({"a": key[0], "b": key[1], "clean_m": L, "tol_m": got, "err_m": err, "band_m": band,
                     "within": abs(err) <= band, "status": status,
                     "endpoints": c.get("endpoints"), "max_gap_m": t.get("max_gap_m") if t else None,
                     "overlap_km2": t.get("overlap_km2") if t else None})
    extra = {"clean-point": [], "near": [], "other": []}
    for key, t in tol.items():
        c = clean.get(key)
        if c is not None and c["contact"] == "edge":
            continue
        if c is not None:
            extra["clean-point"].append((key, t["contact"], t["length_m"]))
            continue
        d = metric_distance(polys_clean[index[key[0]]], polys_clean[index[key[1]]])
        extra["near" if d <= TOL_M else "other"].append((key, t["contact"], t["length_m"], d))
    return rows, extra


def summarise(rows, extra):
    abs_err = np.array([abs(r["err_m"]) for r in rows])
    rel_err = np.array([abs(r["err_m"]) / r["clean_m"] for r in rows])
    within = np.array([r["within"] for r in rows])
    long_rows = [r for r in rows if r["clean_m"] > LONG_M]
    worst_long = min(long_rows, key=lambda r: r["err_m"]) if long_rows else None
    return {
        "borders": len(rows),
        "within": int(within.sum()),
        "share": float(within.mean()),
        "abs_p50": pct(abs_err, 50), "abs_p99": pct(abs_err, 99), "abs_max": float(abs_err.max()),
        "rel_p50": pct(rel_err, 50), "rel_p99": pct(rel_err, 99), "rel_max": float(rel_err.max()),
        "signed_mean": float(np.mean([r["err_m"] for r in rows])),
        "missing": [r for r in rows if r["status"] == "missing"],
        "as_point": [r for r in rows if r["status"] == "as-point"],
        "long_count": len(long_rows),
        "worst_long": worst_long,
        "long_losing": [r for r in long_rows if -r["err_m"] > r["band_m"]],
        "long_losing_06": sum(1 for r in long_rows if -r["err_m"] > ABS_FLOOR_M),
        "extra": extra,
    }


def excerpt(path, pair, rings_j, polys_j, index, ids, radius_m=5.0):
    """The pair and every cell within radius_m of either (jittered copies), as GeoJSON."""
    ia, ib = index[pair[0]], index[pair[1]]
    keep = {ia, ib}
    tree = shapely.STRtree(polys_j)
    for i in (ia, ib):
        g = polys_j[i]
        lat = g.centroid.y
        mx, my = m_per_deg(lat)
        for k in tree.query(g, predicate="dwithin", distance=radius_m / min(mx, my)):
            if metric_distance(g, polys_j[k]) <= radius_m:
                keep.add(int(k))
    keep = sorted(keep)
    write_layer(path, [rings_j[k] for k in keep], [ids[k] for k in keep])
    return len(keep)


# ---------------------------------------------------------------- straight in lon/lat

def segment_strays(use, ids, tol_m=TOL_M):
    """Per clean pair, over its shared segments: the largest stray (m) of the segment's lon/lat line
    from the geodesic between its ends (distance between the lon/lat midpoint and the geodesic
    midpoint, pyproj), and what is left of it after splitting the segment the way tolerance mode
    documents it (LocalProjection.densifiedAlongLonLat: n equal pieces, n = ceil(sqrt(L^2 tan(lat)
    / 8R / tolerance)), so each piece strays about 1/n^2 as much)."""
    keys, segs = [], []
    for (p, q), cells in use.items():
        if len(cells) == 2:
            keys.append(tuple(sorted((ids[cells[0]], ids[cells[1]]))))
            segs.append((p[0], p[1], q[0], q[1]))
    segs = np.array(segs)
    lon1, lat1, lon2, lat2 = segs.T
    az, _, dist = GEOD.inv(lon1, lat1, lon2, lat2)
    mlon, mlat, _ = GEOD.fwd(lon1, lat1, az, dist / 2)
    _, _, stray = GEOD.inv(mlon, mlat, (lon1 + lon2) / 2, (lat1 + lat2) / 2)
    r = 6_371_008.8
    lat = np.maximum(np.abs(lat1), np.abs(lat2))
    dlat = (lat2 - lat1) * 111_320
    dlon = (lon2 - lon1) * 111_320 * np.cos(np.radians((lat1 + lat2) / 2))
    est = (dlat**2 + dlon**2) * np.tan(np.radians(np.minimum(lat, 89))) / (8 * r)
    n = np.where(est > tol_m, np.ceil(np.sqrt(est / tol_m)), 1)
    left = stray / n**2
    out = {}
    for k, st, lf in zip(keys, stray, left):
        o = out.get(k, (0.0, 0.0))
        out[k] = (max(o[0], st), max(o[1], lf))
    return out


def control_case(binary, out_dir):
    """Two rectangles sharing one long east-west edge (a parallel); the northern one has points
    inserted every 100 m exactly on that parallel, all moved by the same offset (0, 0.3 m north =
    a gap, 0.3 m south = an overlap); the southern one keeps the edge's two ends. Every gap or
    overlap is at most 0.3 m, so at 1 m the whole edge should be found."""
    log("\n== control: one long east-west edge, one side densified along the parallel, 1 m tolerance ==")
    rows = []
    for lat in (43.0, 63.0):
        for length_km in (5, 7, 10, 30):
            mx, my = m_per_deg(lat)
            w, e, h = 45.0, 45.0 + length_km * 1000 / mx, 0.02
            t = np.arange(1, length_km * 10) / (length_km * 10)
            got = []
            for off in (0.0, 0.3, -0.3):
                north = np.vstack([[w, lat], np.column_stack([w + (e - w) * t, np.full(len(t), lat + off / my)]),
                                   [e, lat], [e, lat + h], [w, lat + h], [w, lat]])
                south = np.array([[w, lat - h], [e, lat - h], [e, lat], [w, lat], [w, lat - h]])
                path = os.path.join(out_dir, f"control-{lat:.0f}-{length_km}km-{off:+.1f}.geojson")
                write_layer(path, [north, south], ["n", "s"])
                res, _ = read_result(binary, path, path[:-8], "1m", with_json=False)
                got.append(res.get(("n", "s"), {"length_m": 0.0})["length_m"])
            _, _, chord = GEOD.inv(w, lat, e, lat)
            mlon, mlat, _ = GEOD.fwd(w, lat, GEOD.inv(w, lat, e, lat)[0], chord / 2)
            stray = GEOD.inv(mlon, mlat, (w + e) / 2, lat)[2]
            clean = GEOD.geometry_length(shapely.segmentize(shapely.linestrings([[w, lat], [e, lat]]), 0.001))
            bad = [g for g in got if abs(g - clean) > max(REL * clean, ABS_FLOOR_M)]
            rows.append(bool(bad))
            log(f"lat {lat:.0f}, {length_km:2d} km edge (lon/lat line strays {stray:6.2f} m from the geodesic): clean "
                f"{clean:9.3f} m; tolerance: aligned {got[0]:9.3f}, 0.3 m gap {got[1]:9.3f}, 0.3 m overlap "
                f"{got[2]:9.3f} m{'  <- MISSED' if bad else ''}")
    log(f"files: {out_dir}/control-*.geojson (ids n, s)")
    return not any(rows)


# ---------------------------------------------------------------- mirror case

def square(w, s, e, n):
    return np.array([[w, s], [e, s], [e, n], [w, n], [w, s]])


def mirror_ring(r, axis):
    m = r.copy()
    m[:, 0] = 2 * axis - m[:, 0]
    return m[::-1]  # keep CCW


def probe_length(pa, pb, tol, step=1.0):
    """Independent reading of the documented rule, in a local tmerc (metres): a point of A's
    boundary matches when its outward perpendicular probe of length tol meets B, or when it lies
    inside B. Returns (matched length with overlaps bridged only up to the tolerance, i.e. inside
    points count only within tol of B's boundary -- "bridge gaps and overlaps up to this length";
    matched length counting every inside point -- the whole overlap)."""
    c = pa.union(pb).centroid
    tr = pyproj.Transformer.from_crs("EPSG:4326", f"+proj=tmerc +lat_0={c.y} +lon_0={c.x} +ellps=WGS84", always_xy=True)
    def proj(g):
        return shapely.transform(g, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))
    a, b = proj(shapely.segmentize(pa, 0.0005)), proj(shapely.segmentize(pb, 0.0005))
    ring = np.asarray(a.exterior.coords)
    if not shapely.is_ccw(a.exterior):
        ring = ring[::-1]
    within = whole = 0.0
    for p, q in zip(ring[:-1], ring[1:]):
        d = q - p
        L = float(np.hypot(*d))
        if L == 0:
            continue
        k = max(1, int(math.ceil(L / step)))
        t = (np.arange(k) + 0.5) / k
        mids = p + t[:, None] * d
        nrm = np.array([d[1], -d[0]]) / L  # outward for a CCW ring
        probes = shapely.linestrings(np.stack([mids + 1e-6 * nrm, mids + tol * nrm], axis=1))
        inside = shapely.contains_xy(b, mids[:, 0], mids[:, 1])
        reach = shapely.intersects(probes, b)
        near = shapely.distance(shapely.points(mids), b.exterior) <= tol
        within += L / k * ((reach & ~inside) | (inside & near)).sum()
        whole += L / k * (reach | inside).sum()
    return within, whole


def mirror_case(binary, out_dir):
    """Pair 1: A (west, taller) and B (east, inset 555 m from A's top and bottom) overlapping by a
    strip of the given depth; pair 2: its mirror image about the meridian base + 0.5 (A east, B
    west). Depths: 300 m (deeper than both tolerances), 120 m (between them), and the tolerance +
    2 cm (at the edge of what is bridged)."""
    log("\n== mirror case: two mirror-image pairs of overlapping rectangles near lat 50 ==")
    mx, _ = m_per_deg(50.0)
    ok = True
    cliff = []
    for base in (30.0, 30.2):
        axis = base + 0.5
        log(f"pair 1 near lon {base}, pair 2 its mirror about lon {axis} (near lon {2 * axis - base:.1f})")
        cases = [(300.0, 50), (300.0, 200), (120.0, 50), (120.0, 200), (50.02, 50), (200.02, 200)]
        for depth, tol in cases:
            strip = depth / mx
            ra, rb = square(base - 0.04, 50.00, base + strip, 50.03), square(base, 50.005, base + 0.03, 50.025)
            rings = [ra, rb, mirror_ring(ra, axis), mirror_ring(rb, axis)]
            ids = ["p1a", "p1b", "p2a", "p2b"]
            path = os.path.join(out_dir, f"mirror-{base}-{depth:g}m.geojson")
            write_layer(path, rings, ids)
            polys = [shapely.polygons(r) for r in rings]
            res, _ = read_result(binary, path, path[:-8] + f"-tol{tol}m", f"{tol}m")
            p1, p2 = res.get(("p1a", "p1b")), res.get(("p2a", "p2b"))
            l1 = p1["length_m"] if p1 else None
            l2 = p2["length_m"] if p2 else None
            e1 = [0.5 * (x + y) for x, y in zip(probe_length(polys[0], polys[1], tol), probe_length(polys[1], polys[0], tol))]
            diff = None if l1 is None or l2 is None else l1 - l2
            agree = diff is not None and abs(diff) <= 0.05
            at_cliff = abs(depth - tol) < 1
            if at_cliff:
                cliff.append((base, tol, l1, l2))
            else:
                ok &= agree
            log(f"  overlap {depth:6.2f} m deep, tolerance {tol:3d} m: pair 1 {fmt_m(l1)}, pair 2 {fmt_m(l2)}, "
                f"difference {fmt_m(diff)} -> {'agree' if agree else 'DIFFER'}; overlap_km2 "
                f"{p1['overlap_km2'] if p1 else '-'} / {p2['overlap_km2'] if p2 else '-'}; probe reading: "
                f"{e1[0]:.1f} m bridging overlaps up to the tolerance, {e1[1]:.1f} m counting the whole overlap"
                f"{'  (at the edge of bridging)' if at_cliff else ''}")
            others = sorted(k for k in res if k not in (("p1a", "p1b"), ("p2a", "p2b")))
            if others:
                log(f"    unexpected pairs: {others}")
    log(f"  rings of pair 1 at base B: p1a lon B-0.04..B+depth, lat 50.000..50.030; p1b lon B..B+0.03, lat "
        f"50.005..50.025 (depth in degrees = metres / {mx:.3f}); files {out_dir}/mirror-*.geojson")
    # How sharp the edge is: depth swept across the tolerance, pair 1 only, base 30.0.
    sweep = []
    for depth in (49.99, 50.0, 50.01, 50.02, 50.03, 50.05):
        ra, rb = square(29.96, 50.00, 30.0 + depth / mx, 50.03), square(30.0, 50.005, 30.03, 50.025)
        path = os.path.join(out_dir, f"sweep-{depth:.2f}m.geojson")
        write_layer(path, [ra, rb], ["p1a", "p1b"])
        res, _ = read_result(binary, path, path[:-8], "50m", with_json=False)
        sweep.append((depth, res.get(("p1a", "p1b"), {"length_m": 0.0})["length_m"]))
    log("  tolerance 50 m, overlap depth swept: " + ", ".join(f"{d:.2f} m -> {l:.1f} m" for d, l in sweep))
    return ok, cliff


def fmt_m(v):
    return "-" if v is None else f"{v:.3f} m"


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mapcli", help="the mapcli binary")
    ap.add_argument("--out", default="/tmp/measure_tolerance", help="working directory (layers, outputs)")
    ap.add_argument("--quick", action="store_true", help="only the 2k mid-latitude layer")
    ap.add_argument("--sample", type=int, default=300, help="clean lengths cross-checked with shapely per layer")
    args = ap.parse_args()
    binary = os.path.abspath(args.mapcli)
    os.makedirs(args.out, exist_ok=True)
    t_start = time.time()
    failures = []
    summary = []

    for name, n, w, s, e, nn, seed in (LAYERS[:1] if args.quick else LAYERS):
        bbox = (w, s, e, nn)
        rng = np.random.default_rng(seed)
        log(f"\n== layer {name}: {n} Voronoi cells over lon {w}..{e}, lat {s}..{nn} (seed {seed}) ==")
        rings = generate.voronoi_cells(n, rng, bbox)
        polys, use = check_clean(rings, bbox, name)
        ids = [cell_id(i, n) for i in range(n)]
        index = {c: i for i, c in enumerate(ids)}
        clean_path = os.path.join(args.out, f"{name}-clean.geojson")
        write_layer(clean_path, rings, ids)
        clean, wall = read_result(binary, clean_path, os.path.join(args.out, f"{name}-clean-exact"))
        edges = {k: v for k, v in clean.items() if v["contact"] == "edge"}
        points = {k: v for k, v in clean.items() if v["contact"] == "point"}
        inner = sum(1 for c in use.values() if len(c) == 2)
        lengths = np.array([v["length_m"] for v in edges.values()])
        log(f"clean: valid coverage, {inner} shared segments; exact mode {wall:.1f} s: {len(edges)} edge borders, "
            f"{len(points)} point contacts; lengths p50 {np.median(lengths):.0f} m, min {lengths.min():.3f} m, "
            f"max {lengths.max():.0f} m, {int((lengths > LONG_M).sum())} over 10 km, {int((lengths < 2).sum())} under 2 m")
        # shapely pairs from the shared segments must be exactly mapcli's edge pairs
        seg_pairs = {tuple(sorted((ids[c[0]], ids[c[1]]))) for c in use.values() if len(c) == 2}
        if seg_pairs != set(edges):
            failures.append(f"{name}: clean edge pairs differ from the shared segments' pairs "
                            f"({len(seg_pairs - set(edges))} missing, {len(set(edges) - seg_pairs)} extra)")
            log("FAIL " + failures[-1])
        keys = sorted(edges)
        pick = np.random.default_rng(seed + 7).choice(len(keys), size=min(args.sample, len(keys)), replace=False)
        diffs = []
        for k in pick:
            a, b = keys[k]
            diffs.append(shapely_length(polys[index[a]], polys[index[b]]) - edges[(a, b)]["length_m"])
        diffs = np.abs(diffs)
        log(f"cross-check of {len(pick)} clean lengths with shapely+pyproj: max |diff| {diffs.max() * 1000:.2f} mm, "
            f"p50 {np.median(diffs) * 1000:.2f} mm")
        if diffs.max() > 0.01:
            failures.append(f"{name}: exact-mode truth differs from shapely by {diffs.max():.3f} m")
        strays = segment_strays(use, ids)

        for kind in "abc":
            jrng = np.random.default_rng(seed * 10 + ord(kind))
            t0 = time.time()
            if kind == "a":
                jr, redrawn = jitter_a(rings, jrng)
                note = f"{redrawn} redraws"
            elif kind == "b":
                jr, redrawn, inserted = jitter_b(rings, use, jrng)
                note = f"{inserted} points inserted, {redrawn} redraws"
            else:
                jr = jitter_c(rings)
                note = f"{n // 2} cells shifted"
            path = os.path.join(args.out, f"{name}-jitter-{kind}.geojson")
            write_layer(path, jr, ids)
            tol, wall = read_result(binary, path, os.path.join(args.out, f"{name}-jitter-{kind}-1m"), "1m",
                                    with_json=False)
            rows, extra = compare(clean, tol, polys, index)
            st = summarise(rows, extra)
            st.update(layer=name, kind=kind, path=path)
            summary.append(st)
            wl = st["worst_long"]
            log(f"-- jitter {kind} ({KINDS[kind]}; {note}; made in {time.time() - t0:.1f} s, mapcli {wall:.1f} s)")
            log(f"   borders {st['borders']}: within max(0.1 %, 0.6 m) {st['within']} = {100 * st['share']:.3f} % "
                f"(target {100 * SHARE_TARGET:.0f} %)")
            log(f"   |error| p50 {st['abs_p50']:.3f} m, p99 {st['abs_p99']:.3f} m, max {st['abs_max']:.3f} m; "
                f"relative p50 {100 * st['rel_p50']:.4f} %, p99 {100 * st['rel_p99']:.4f} %, max {100 * st['rel_max']:.2f} %; "
                f"mean signed {st['signed_mean']:+.3f} m")
            log(f"   missing {len(st['missing'])}, reported as point {len(st['as_point'])}; extra: "
                f"{len(extra['clean-point'])} clean point contacts, {len(extra['near'])} pairs within 1 m in the clean layer, "
                f"{len(extra['other'])} others")
            for r in (st["missing"] + st["as_point"])[:5]:
                log(f"     {r['status']}: {r['a']}-{r['b']} clean {r['clean_m']:.3f} m, ends {r['endpoints']}")
            for lst, lab in ((extra["near"], "near"), (extra["other"], "other")):
                kinds = {}
                for item in lst:
                    kinds[item[1]] = kinds.get(item[1], 0) + 1
                if lst:
                    longest = max(lst, key=lambda x: x[2])
                    log(f"     extra {lab}: {kinds}; longest {longest[0][0]}-{longest[0][1]} {longest[2]:.3f} m "
                        f"(clean distance {longest[3]:.3f} m)")
            if wl:
                log(f"   long borders (> 10 km): {st['long_count']}; worst change {wl['err_m']:+.3f} m on "
                    f"{wl['a']}-{wl['b']} ({wl['clean_m']:.1f} m); losing beyond the band: {len(st['long_losing'])}; "
                    f"losing > 0.6 m: {st['long_losing_06']}")
            bad = sorted((r for r in rows if not r["within"]), key=lambda r: -abs(r["err_m"]) / r["band_m"])
            if bad:
                # Does the lon/lat line's stray from the chord explain them? (see control_case)
                def share_left(rs, m):
                    return sum(1 for r in rs if strays[(r["a"], r["b"])][1] > m) / max(1, len(rs))
                good = [r for r in rows if r["within"]]
                log(f"   outside the band: {len(bad)}; of these {100 * share_left(bad, 0.5):.0f} % have a shared segment "
                    f"whose lon/lat line strays > 0.5 m from its chord after tolerance mode's densification "
                    f"(within the band: {100 * share_left(good, 0.5):.0f} %); worst (by |error| / band):")
                for r in bad[:6]:
                    log(f"     {r['a']}-{r['b']}: clean {r['clean_m']:.3f} m, tolerance {r['tol_m']:.3f} m, "
                        f"error {r['err_m']:+.3f} m ({r['status']}), stray raw/left "
                        f"{strays[(r['a'], r['b'])][0]:.2f}/{strays[(r['a'], r['b'])][1]:.2f} m, clean ends {r['endpoints']}")
                r = bad[0]
                ex = os.path.join(args.out, f"worst-{name}-{kind}-{r['a']}-{r['b']}.geojson")
                cells = excerpt(ex, (r["a"], r["b"]), jr, np.array([shapely.polygons(x) for x in jr]), index, ids)
                exr, _ = read_result(binary, ex, ex[:-8] + "-1m", "1m")
                got = exr.get((r["a"], r["b"]))
                log(f"     excerpt ({cells} cells: the pair and every cell within 5 m): {ex}; there: "
                    f"{fmt_m(got['length_m'] if got else None)}, segments {got['segments'] if got else '-'}, "
                    f"max_gap_m {got['max_gap_m'] if got else '-'}, overlap_km2 {got['overlap_km2'] if got else '-'}"
                    f"\n       reproduce: {binary} border {r['a']} {r['b']} --data {ex} --tolerance 1m --format json"
                    f"   (whole layer: {path})")
            if st["share"] < SHARE_TARGET:
                failures.append(f"{name} jitter {kind}: {100 * st['share']:.3f} % within the band (< 99 %)")
            if st["long_losing"]:
                r = min(st["long_losing"], key=lambda r: r["err_m"])
                failures.append(f"{name} jitter {kind}: {len(st['long_losing'])} long borders lose beyond the band, "
                                f"worst {r['a']}-{r['b']} {r['err_m']:+.3f} m of {r['clean_m']:.1f} m")

    control_ok = control_case(binary, args.out)
    if not control_ok:
        failures.append("control: a long east-west edge densified on one side loses length at 1 m (0.3 m overlap)")
    mirror_ok, cliff = mirror_case(binary, args.out)
    if not mirror_ok:
        failures.append("mirror case: the two mirror-image pairs get different lengths (overlaps away from the tolerance)")
    for base, tol, l1, l2 in cliff:
        if l1 is None or l2 is None or abs(l1 - l2) > 0.05:
            log(f"note: overlap 2 cm deeper than the {tol} m tolerance, pairs near lon {base}: "
                f"{fmt_m(l1)} vs {fmt_m(l2)} (not counted against the target)")

    log("\n== summary (1 m tolerance; band = max(0.1 %, 0.6 m)) ==")
    log(f"{'layer':8s} {'jit':3s} {'borders':>7s} {'within':>8s} {'p99 m':>7s} {'max m':>8s} {'p99 rel':>8s} "
        f"{'miss':>4s} {'pt':>3s} {'extra':>11s} {'worst long loss':>16s}")
    for st in summary:
        ex = st["extra"]
        wl = st["worst_long"]
        log(f"{st['layer']:8s} {st['kind']:3s} {st['borders']:7d} {100 * st['share']:7.3f}% {st['abs_p99']:7.3f} "
            f"{st['abs_max']:8.3f} {100 * st['rel_p99']:7.4f}% {len(st['missing']):4d} {len(st['as_point']):3d} "
            f"{len(ex['clean-point']):3d}/{len(ex['near']):3d}/{len(ex['other']):3d} "
            f"{(-wl['err_m'] if wl else float('nan')):+15.3f}m")
    log("(extra = clean point contacts / pairs within 1 m in the clean layer / others; "
        "worst long loss = largest shortfall among borders over 10 km, negative = a gain)")
    self_cpu = resource.getrusage(resource.RUSAGE_SELF)
    log(f"CPU: mapcli {CPU['mapcli']:.1f} s, this script {self_cpu.ru_utime + self_cpu.ru_stime:.1f} s; "
        f"wall {time.time() - t_start:.0f} s; files in {args.out}")
    if failures:
        log("\nTARGET MISSED:\n  " + "\n  ".join(failures))
        return 1
    log("\ntarget met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
