#!/usr/bin/env python3
"""Independent cross-check of mapcli's corridor polygon against the buffer it claims to be
(a developer tool; Python is never a run-time dependency of mapcli).

What mapcli claims (Sources/Geo/Analysis/CorridorStudy.swift): the corridor of a route
"lon,lat;lon,lat;..." and a width w is the route, read as straight in longitude/latitude between
its points (RFC 7946), projected into a transverse Mercator centred on the centre of the route's
longitude/latitude bounding box (Sources/Geo/Geodesy/LocalProjection.swift:
+proj=tmerc +lat_0=<centre lat> +lon_0=<centre lon> +k=1 +x_0=0 +y_0=0 +ellps=WGS84), buffered there
by w/2 with flat end caps and round joins, and taken back to degrees.

The reference is built here from that definition, not from mapcli's code:
  * the same transverse Mercator through pyproj;
  * the route sampled along longitude/latitude and projected, the samples per segment doubled
    until no projected chord strays more than ROUTE_TOL (1 cm) from the projected curve (checked
    numerically, not from a curvature formula), plus samples graded down to END_PIECE (10 cm) at
    both ends of every segment, so that each flat cap is perpendicular to the route's true tangent
    at its end: a flat cap perpendicular to an end chord of length l on a curve of curvature k is
    turned by l*k/2, which moves its corners by (w/2)*l*k/2 along the route;
  * the buffer as the union of what it is: per chord the rectangle swept by its normal (+-w/2),
    per vertex the round-join sector (radius w/2, arc chords within 5 mm) on the outer side of
    the turn (no offset curves: GEOS's buffer simplifies its input line and puts flat caps
    perpendicular to the end chord of that, so it is not used for the reference);
  * a self-check that the reference's cap corners lie at end +- (w/2)*normal(true end tangent).
mapcli's polygon (run with --no-clip over a one-rectangle user layer, id "box") is densified along
longitude/latitude (every edge cut into pieces <= 10 m, straight in lon/lat) and projected forward,
and both are compared in the projection's metres:
  * H       Hausdorff distance (m) between the two boundaries: every vertex of each (both at
            <= 10 m spacing, the reference's cut to 5 m) to the nearest segment of the other;
  * symdiff area of the symmetric difference (m^2); overlap = area(A n B) / area(A u B);
  * where   where on the boundary H is reached: cap (an end of the route), join (a bend) or side;
  * side    max |distance to the route - w/2| over mapcli's boundary points off the caps and
            joins (a check that goes through no buffer code at all);
  * cap     how far the corners of mapcli's flat caps sit along the route from the true end
            normal (m): (w/2) * tan(angle between mapcli's cap edge and that normal);
  * H_geos  for comparison only, H against shapely's (GEOS's) buffer(w/2, cap_style='flat',
            join_style='round') of the route densified to 1 cm without graded ends: the plain
            reference, whose own caps are off by (w/2)*l*k/2 for its end chords l.
Cases: single segments east-west, north-south and diagonal, and routes with bends, of nominal
segment length 1-200 km, at latitudes 0-85 deg N and some southern ones, each at widths 100 m,
1 km, 10 km and 40 km. A bend where a segment is shorter than (w/2)*sin(turn) has no single
flat-capped reading (the union of swept normals and a winding-number buffer such as GEOS's differ
by kilometres there, and GEOS 3.11 and 3.14 differ from each other); such rows are marked
ill-posed and not judged. The target is H <= 1 m in every other case: the script prints a table
and the worst case, and exits 1 if any case exceeds the limit (2 if it cannot run).

Usage:
  python3 scripts/crosscheck_corridor.py /path/to/mapcli            # all cases (about 6 minutes)
  python3 scripts/crosscheck_corridor.py /path/to/mapcli --quick    # 4 cases
  python3 scripts/crosscheck_corridor.py /path/to/mapcli --only 85N --widths 1000 --limit 1
Needs Python 3 with numpy, scipy, shapely >= 2 and pyproj >= 3.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pyproj
import shapely
from scipy.spatial import cKDTree
from shapely.geometry import LineString, Polygon, MultiPolygon, shape

WIDTHS = [100.0, 1000.0, 10000.0, 40000.0]
ROUTE_TOL = 0.01      # m, max chord-to-curve deviation of the reference route
END_PIECE = 0.1       # m, smallest graded piece at each end of every route segment
JOIN_TOL = 0.005      # m, max round-join chord error of the reference buffer
EDGE_STEP = 10.0      # m, mapcli's edges are densified along lon/lat to pieces <= this
SAMPLE_STEP = 5.0     # m, boundary resampling for the Hausdorff distance
GEOD = pyproj.Geod(ellps="WGS84")


# ---------------------------------------------------------------- cases

def offset(lon, lat, az_deg, dist):
    """Point dist metres from (lon, lat) along azimuth az (geodesic; only to place route points)."""
    lon2, lat2, _ = GEOD.fwd(lon, lat, az_deg, dist)
    return lon2, lat2


def route_points(lat, length_km, azimuths, lon0=10.0):
    """A route whose successive segments start on these azimuths, each about length_km long,
    centred near (lon0, lat). For an east-west first segment the points keep the latitude exactly."""
    lon, la = lon0, lat
    pts = [(lon, la)]
    for az in azimuths:
        if az % 180 == 90:  # due east/west: stay on the parallel
            dlon = length_km * 1000.0 / (GEOD.a * math.cos(math.radians(la)) / math.sqrt(1 - GEOD.es * math.sin(math.radians(la)) ** 2)) * 180 / math.pi
            lon, la = lon + (dlon if az % 360 == 90 else -dlon), la
        else:
            lon, la = offset(lon, la, az, length_km * 1000.0)
        pts.append((lon, la))
    # centre the route on (lon0, lat) in latitude, for the "latitude" the case names
    lats = [p[1] for p in pts]
    shift = lat - (min(lats) + max(lats)) / 2
    if all(az % 180 == 90 for az in azimuths):
        shift = 0.0
    return [(round(x, 9), round(y + shift, 9)) for x, y in pts]


def all_cases(quick=False):
    cases = []
    lengths = [1, 10, 50, 100, 200]
    if quick:
        for lat in (0, 60, 85):
            cases.append((f"EW {lat}N 100km", route_points(lat, 100, [90])))
        cases.append(("bend60 85N 2x50km", route_points(85, 50, [90, 150])))
        return cases
    for lat in (0, 30, 60, 75, 80, 85, -80):
        for L in lengths:
            cases.append((f"EW {fmt_lat(lat)} {L}km", route_points(lat, L, [90])))
    for lat in (0, 60, 85):
        for L in (10, 200):
            cases.append((f"NS {fmt_lat(lat)} {L}km", route_points(lat, L, [0])))
    for lat in (0, 30, 60, 75, 85, -60):
        for L in (10, 100, 200):
            cases.append((f"diag {fmt_lat(lat)} {L}km", route_points(lat, L, [45])))
    for lat in (0, 60, 85, -75):
        for L in lengths:
            cases.append((f"bend60 {fmt_lat(lat)} 2x{L}km", route_points(lat, L, [90, 150])))
    for L in (10, 100):
        cases.append((f"bend100 80N 2x{L}km", route_points(80, L, [0, 100])))
    cases.append(("zigzag 75N 4x50km", route_points(75, 50, [60, 120, 60, 120])))
    return cases


def fmt_lat(lat):
    return f"{abs(lat)}{'N' if lat >= 0 else 'S'}"


# ---------------------------------------------------------------- projection and route

def make_transformer(route):
    lons = [p[0] for p in route]
    lats = [p[1] for p in route]
    lon_c, lat_c = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    src = pyproj.CRS.from_proj4("+proj=longlat +ellps=WGS84 +no_defs")
    dst = pyproj.CRS.from_proj4(f"+proj=tmerc +lat_0={lat_c!r} +lon_0={lon_c!r} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs")
    return pyproj.Transformer.from_crs(src, dst, always_xy=True), (lon_c, lat_c)


def fwd(tr, lon, lat):
    x, y = tr.transform(np.asarray(lon, float), np.asarray(lat, float), errcheck=True)
    return np.column_stack([x, y])


def segment_params(tr, a, b, graded=True):
    """Parameters t in [0, 1] along the lon/lat segment a->b whose projected chords stay within
    ROUTE_TOL of the projected curve, graded down to END_PIECE at both ends (if graded)."""
    def curve(t):
        return fwd(tr, a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
    n = 1
    while True:
        t = np.linspace(0, 1, n + 1)
        p = curve(t)
        for frac in (0.25, 0.5, 0.75):
            tm = t[:-1] + frac * (t[1:] - t[:-1])
            pm = curve(tm)
            chord = p[:-1] + frac * (p[1:] - p[:-1])
            seg = p[1:] - p[:-1]
            # perpendicular distance of the curve sample from its chord
            cross = np.abs(seg[:, 0] * (pm[:, 1] - p[:-1, 1]) - seg[:, 1] * (pm[:, 0] - p[:-1, 0]))
            dev = cross / np.hypot(seg[:, 0], seg[:, 1])
            if dev.max() > ROUTE_TOL:
                break
        else:
            break
        n *= 2
        if n > 2 ** 22:
            raise RuntimeError("route densification did not converge")
    length = float(np.hypot(*(p[1:] - p[:-1]).T).sum())
    step = 1.0 / n
    grade = []
    d = END_PIECE
    while d / length < step / 2:
        grade.append(d / length)
        d *= 2
    g = np.array(grade) if graded else np.zeros(0)
    t = np.unique(np.concatenate([np.linspace(0, 1, n + 1), g, 1 - g]))
    return t, length


def reference_route(tr, route, graded=True):
    parts = []
    for i in range(len(route) - 1):
        a, b = route[i], route[i + 1]
        t, _ = segment_params(tr, a, b, graded)
        xy = fwd(tr, a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        parts.append(xy if i == 0 else xy[1:])
    return np.vstack(parts)


def tangent(tr, a, b, at_end):
    """Unit tangent of the projected lon/lat segment a->b (pointing a->b) at b (at_end) or at a,
    and that end point: a one-sided second-order difference over 10 m steps (steps much shorter
    than that meet PROJ's rounding noise, ~1e-9 m, which would tilt the tangent)."""
    p = fwd(tr, np.linspace(a[0], b[0], 65), np.linspace(a[1], b[1], 65))
    length = float(np.hypot(*(p[1:] - p[:-1]).T).sum())
    h = min(10.0 / length, 0.25)
    t = np.array([1.0, 1.0 - h, 1.0 - 2 * h]) if at_end else np.array([0.0, h, 2 * h])
    q = fwd(tr, a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
    v = 3 * q[0] - 4 * q[1] + q[2]
    v = v if at_end else -v
    return v / np.hypot(*v), q[0]


def quad_segs_for(r):
    half = math.acos(1 - JOIN_TOL / r) if r > JOIN_TOL else math.pi / 4
    return max(256, int(math.ceil((math.pi / 2) / (2 * half))))


# ---------------------------------------------------------------- mapcli

def run_mapcli(binary, route, width, workdir):
    lons = [p[0] for p in route]
    lats = [p[1] for p in route]
    box = [max(-180.0, min(lons) - 10), max(-89.0, min(lats) - 3), min(180.0, max(lons) + 10), min(89.0, max(lats) + 3)]
    layer = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "id": "box", "properties": {"id": "box", "name": "Box"},
        "geometry": {"type": "Polygon", "coordinates": [[
            [box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]], [box[0], box[1]]]]}}]}
    lp = os.path.join(workdir, "layer.geojson")
    op = os.path.join(workdir, "out.geojson")
    with open(lp, "w") as fh:
        json.dump(layer, fh)
    if os.path.exists(op):
        os.remove(op)
    spec = ";".join(f"{x!r},{y!r}" for x, y in route)
    cmd = [binary, "corridor", "--route", spec, "--width", f"{width:g}m", "--no-clip", "--data", lp,
           "--format", "geojson", "--precision", "9", "-o", op]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"mapcli failed ({res.returncode}): {' '.join(cmd)}\n{res.stderr}")
    with open(op) as fh:
        fc = json.load(fh)
    polys = [f for f in fc["features"]
             if f["geometry"] and f["geometry"]["type"] in ("Polygon", "MultiPolygon")
             and "width_m" in f["properties"] and "territory" not in f["properties"]]
    if len(polys) != 1:
        raise RuntimeError(f"expected one corridor polygon feature, found {len(polys)}")
    if abs(polys[0]["properties"]["width_m"] - width) > 1e-6:
        raise RuntimeError(f"corridor feature says width {polys[0]['properties']['width_m']}, asked {width}")
    return shape(polys[0]["geometry"])


def densify_ring_lonlat(tr, ring):
    """A lon/lat ring with each edge cut into pieces of <= EDGE_STEP metres (straight in lon/lat),
    projected."""
    ll = np.asarray(ring.coords)
    xy = fwd(tr, ll[:, 0], ll[:, 1])
    seglen = np.hypot(*(xy[1:] - xy[:-1]).T)
    n = np.maximum(1, np.ceil(seglen / EDGE_STEP).astype(int))
    idx = np.repeat(np.arange(len(n)), n)
    frac = np.concatenate([np.arange(k) / k for k in n]) if len(n) else np.zeros(0)
    lon = ll[idx, 0] + (ll[idx + 1, 0] - ll[idx, 0]) * frac
    lat = ll[idx, 1] + (ll[idx + 1, 1] - ll[idx, 1]) * frac
    lon = np.append(lon, ll[-1, 0])
    lat = np.append(lat, ll[-1, 1])
    return fwd(tr, lon, lat)


def project_polygon(tr, geom):
    polys = geom.geoms if isinstance(geom, MultiPolygon) else [geom]
    out = [Polygon(densify_ring_lonlat(tr, p.exterior), [densify_ring_lonlat(tr, h) for h in p.interiors]) for p in polys]
    return out[0] if len(out) == 1 else MultiPolygon(out)


# ---------------------------------------------------------------- measures

def tube(xy, r):
    """The flat-capped, round-joined buffer of the polyline xy by r, built from its definition:
    the union of one rectangle per segment (the segment swept along its normal, +-r) and, at each
    interior vertex, the circular sector of radius r that fills the outer side of the turn (arc
    chords within JOIN_TOL). No offset curves and no input simplification (GEOS's buffer drops
    shallow vertices before offsetting, which can move a flat cap, see the module docstring)."""
    d = xy[1:] - xy[:-1]
    u = d / np.hypot(d[:, 0], d[:, 1])[:, None]
    n = np.column_stack([-u[:, 1], u[:, 0]]) * r
    a, b = xy[:-1], xy[1:]
    rect = np.stack([a + n, b + n, b - n, a - n, a + n], axis=1)
    polys = list(shapely.polygons(rect))
    step = 2 * math.acos(1 - JOIN_TOL / r) if r > JOIN_TOL else math.pi / 8
    cross = u[:-1, 0] * u[1:, 1] - u[:-1, 1] * u[1:, 0]
    dot = np.sum(u[:-1] * u[1:], axis=1)
    theta = np.arctan2(cross, dot)
    # Each sector is widened at both sides by 0.1 mm (at its rim) and its apex set 0.1 mm inside
    # the turn, so that it overlaps both neighbouring rectangles instead of only touching them (a
    # sector of a turn of 1e-8 rad that only shares edges with them leaves slivers in a floating-
    # point union); the union is snap-rounded as well.
    delta, eps = 1e-4 / r, 1e-4
    for j in range(len(theta)):
        v = xy[j + 1]
        sgn = 1.0 if theta[j] >= 0 else -1.0
        s0 = -sgn * n[j]                      # outer side: the right of a left turn
        k = max(1, int(math.ceil(abs(theta[j]) / step)))
        a0 = math.atan2(s0[1], s0[0])
        ang = np.concatenate([[a0 - sgn * delta], a0 + theta[j] * np.arange(0, k + 1) / k, [a0 + theta[j] + sgn * delta]])
        arc = np.column_stack([r * np.cos(ang), r * np.sin(ang)])
        inward = -(s0 - sgn * n[j + 1])
        apex = eps * inward / max(np.hypot(*inward), 1e-300)
        polys.append(shapely.Polygon(np.vstack([apex, arc, apex]) + v))
    # Snap-rounded union on a 1 micrometre grid: robust, and far below what is measured.
    u = shapely.union_all(polys, grid_size=1e-6)
    # A true tube of these routes has no holes; drop any zero-area ones the union may leave.
    if u.geom_type == "Polygon" and any(shapely.Polygon(h).area < 1e-3 for h in u.interiors):
        u = shapely.Polygon(u.exterior, [h for h in u.interiors if shapely.Polygon(h).area >= 1e-3])
    return u


def boundary_points(geom, step):
    b = shapely.segmentize(geom.boundary, step)
    return shapely.get_coordinates(b)


class NearestSegment:
    """Distance from points to a set of polylines (rings), exact point-to-segment distances: the
    polylines are cut to pieces <= SAMPLE_STEP, and each point is measured to the segments on
    either side of its K nearest vertices (a k-d tree), which hold the nearest segment for lines
    that are smooth at that scale (the boundaries and routes here)."""
    K = 4

    def __init__(self, lines, step=SAMPLE_STEP):
        starts, ends, verts, adj = [], [], [], []
        base = 0
        for c in lines:
            if step:
                c = shapely.get_coordinates(shapely.segmentize(shapely.LineString(c), step))
            closed = len(c) > 3 and np.array_equal(c[0], c[-1])
            m = len(c) - 1                     # segments
            starts.append(c[:-1]); ends.append(c[1:])
            v = c[:-1] if closed else c       # vertices (a ring's closing point once)
            verts.append(v)
            i = np.arange(len(v))
            prev = (i - 1) % m if closed else np.maximum(i - 1, 0)
            nxt = i if closed else np.minimum(i, m - 1)
            adj.append(np.column_stack([prev, nxt]) + base)
            base += m
        self.a = np.concatenate(starts)
        self.b = np.concatenate(ends)
        self.adj = np.concatenate(adj)
        self.tree = cKDTree(np.concatenate(verts))

    def query(self, pts):
        """(distance, index of the nearest segment, parameter 0..1 along it) for each point."""
        k = min(self.K, self.tree.n)
        _, vi = self.tree.query(pts, k=k)
        vi = vi.reshape(len(pts), k)
        seg = self.adj[vi].reshape(len(pts), 2 * k)
        a, b = self.a[seg], self.b[seg]
        d = b - a
        ll = np.maximum(np.sum(d * d, axis=2), 1e-300)
        t = np.clip(np.sum((pts[:, None, :] - a) * d, axis=2) / ll, 0, 1)
        q = a + t[..., None] * d
        dist = np.hypot(*(pts[:, None, :] - q).transpose(2, 0, 1))
        j = np.argmin(dist, axis=1)
        r = np.arange(len(pts))
        return dist[r, j], seg[r, j], t[r, j]


def rings(geom):
    out = []
    for p in shapely.get_parts(geom):
        out.append(np.asarray(p.exterior.coords))
        out += [np.asarray(h.coords) for h in p.interiors]
    return out


def hausdorff(a, b, pa):
    """Hausdorff distance between the boundaries of a and b; pa are a's boundary points (dense).
    Returns it and the point where it is reached."""
    pb = boundary_points(b, SAMPLE_STEP)
    da, _, _ = NearestSegment(rings(b)).query(pa)
    db, _, _ = NearestSegment(rings(a)).query(pb)
    ia, ib = int(np.argmax(da)), int(np.argmax(db))
    if da[ia] >= db[ib]:
        return float(da[ia]), pa[ia]
    return float(db[ib]), pb[ib]


def cap_shift(pts, end, t_out, r):
    """Corner shift (m) of a flat cap at `end`: the median angle between the cap edge of the
    polygon (its boundary points near the end normal) and the true normal, times r."""
    v = pts - end
    along = v @ t_out
    across = v @ np.array([-t_out[1], t_out[0]])
    dist = np.hypot(along, across)
    sel = (dist > 0.3 * r) & (dist < 0.999 * r) & (np.abs(along) < 0.05 * r + 5.0)
    if not sel.any():
        return float("nan")
    ang = np.arctan(along[sel] / across[sel])
    return float(r * math.tan(abs(np.median(ang))))


def side_error(pts, xy, r, corners):
    """Max |distance to the route - r| over boundary points that are side points: farther than
    1.01 r from both ends of the route (every point of a flat cap is within r of its end) and
    than 1.05 r from every bend (the round joins)."""
    side = (np.hypot(*(pts - xy[0]).T) > 1.01 * r) & (np.hypot(*(pts - xy[-1]).T) > 1.01 * r)
    for q in corners:
        side &= np.hypot(*(pts - q).T) > 1.05 * r
    pts = pts[side][::4]                       # ~40 m apart: the error varies over km
    if not len(pts):
        return 0.0
    dist, _, _ = NearestSegment([xy], step=max(10.0, r / 20)).query(pts)
    return float(np.max(np.abs(dist - r)))


def ill_posed(tr, route, r):
    """Why a flat-capped buffer of this route at half width r has no single reading, or None.
    At a bend turning by theta the normal, swinging round the vertex, sweeps its inner half
    backwards over a sector of radius r; unless both segments there are at least r*sin(theta)
    long (r past 90 deg) their own rectangles do not cover that sector, and the union of the
    swept normals (the reference here) and a winding-number buffer (GEOS) part ways there, by
    kilometres, and GEOS versions differ among themselves (3.11 and 3.14 do)."""
    xy = fwd(tr, [p[0] for p in route], [p[1] for p in route])
    d = xy[1:] - xy[:-1]
    length = np.hypot(d[:, 0], d[:, 1])
    for j in range(1, len(route) - 1):
        u0, u1 = d[j - 1] / length[j - 1], d[j] / length[j]
        theta = abs(math.atan2(u0[0] * u1[1] - u0[1] * u1[0], u0 @ u1))
        need = r * math.sin(min(theta, math.pi / 2))
        if min(length[j - 1], length[j]) < need:
            return f"bend {math.degrees(theta):.0f} deg needs segments >= {need / 1000:.1f} km"
    return None


def check(binary, name, route, width, workdir):
    tr, _ = make_transformer(route)
    r = width / 2
    line_xy = reference_route(tr, route)
    ref = tube(line_xy, r)
    if not ref.is_valid or ref.geom_type != "Polygon":
        raise RuntimeError(f"reference buffer is not one valid polygon ({ref.geom_type})")
    # Self-check: the reference's cap corners are end +- r * normal(true tangent).
    t0, p0 = tangent(tr, route[0], route[1], at_end=False)
    t1, p1 = tangent(tr, route[-2], route[-1], at_end=True)
    ends = [(p0, -t0), (p1, t1)]
    ref_b = ref.boundary
    for p, t in ends:
        nrm = np.array([-t[1], t[0]])
        for s in (1, -1):
            c = p + s * r * nrm
            d = shapely.distance(shapely.Point(c), ref_b)
            if d > 0.01:
                raise RuntimeError(f"reference self-check: cap corner {d:.3f} m off the reference boundary")

    got_ll = run_mapcli(binary, route, width, workdir)
    got = project_polygon(tr, got_ll)
    if not got.is_valid:
        raise RuntimeError("mapcli's corridor, projected, is not a valid polygon")
    pts = shapely.get_coordinates(got.boundary)   # vertices <= EDGE_STEP apart
    h, where_pt = hausdorff(got, ref, pts)
    inter = shapely.intersection(got, ref).area
    union = shapely.union(got, ref).area
    symdiff = union - inter

    interior = [fwd(tr, [q[0]], [q[1]])[0] for q in route[1:-1]]
    d_end = min(np.hypot(*(where_pt - p)) for p, _ in ends)
    d_join = min([np.hypot(*(where_pt - q)) for q in interior] or [np.inf])
    where = "cap" if d_end <= 1.05 * r else "join" if d_join <= 1.05 * r else "side"
    # The plain reference as well, shown, not judged on: GEOS's own buffer (shapely) of the route
    # densified to ROUTE_TOL without the graded ends. Its flat caps are perpendicular to its end
    # chords, not to the route (see the module docstring).
    plain = reference_route(tr, route, graded=False)
    geos = LineString(plain).buffer(r, cap_style="flat", join_style="round", quad_segs=quad_segs_for(r))
    h_geos, _ = hausdorff(got, geos, pts)
    return dict(case=name, width=width, h=h, symdiff=symdiff, overlap=inter / union, where=where,
                side=side_error(pts, line_xy, r, interior), cap=max(cap_shift(pts, p, t, r) for p, t in ends),
                h_geos=h_geos, ill=ill_posed(tr, route, r))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mapcli", help="path of the mapcli binary")
    ap.add_argument("--limit", type=float, default=1.0, help="largest Hausdorff distance allowed (m, default 1)")
    ap.add_argument("--quick", action="store_true", help="a few cases only")
    ap.add_argument("--only", help="run only cases whose name contains this text")
    ap.add_argument("--widths", help="comma-separated widths in metres (default 100,1000,10000,40000)")
    args = ap.parse_args()
    if not os.access(args.mapcli, os.X_OK):
        print(f"not an executable: {args.mapcli}", file=sys.stderr)
        return 2
    widths = [float(w) for w in args.widths.split(",")] if args.widths else WIDTHS
    cases = [c for c in all_cases(args.quick) if not args.only or args.only in c[0]]
    start = time.time()
    rows = []
    print(f"{'case':<22} {'width':>6} {'H (m)':>9} {'symdiff (m2)':>13} {'overlap':>10} {'where':>5} "
          f"{'side (m)':>8} {'cap (m)':>8} {'H_geos (m)':>10}")
    with tempfile.TemporaryDirectory(prefix="crosscheck_corridor.") as workdir:
        for name, route in cases:
            for w in widths:
                try:
                    row = check(args.mapcli, name, route, w, workdir)
                except Exception as e:  # noqa: BLE001 - report and stop
                    print(f"{name} width {w:g} m: {e}", file=sys.stderr)
                    return 2
                rows.append(row)
                flag = f"  ill-posed: {row['ill']}" if row["ill"] else "  > limit" if row["h"] > args.limit else ""
                print(f"{row['case']:<22} {fmt_w(w):>6} {row['h']:9.3f} {row['symdiff']:13.1f} {row['overlap']:10.7f} "
                      f"{row['where']:>5} {row['side']:8.3f} {row['cap']:8.3f} {row['h_geos']:10.3f}{flag}", flush=True)
    judged = [x for x in rows if not x["ill"]]
    worst = max(judged, key=lambda x: x["h"])
    over = [x for x in judged if x["h"] > args.limit]
    print()
    print(f"{len(rows)} checks in {time.time() - start:.0f} s ({len(rows) - len(judged)} ill-posed, not judged); "
          f"worst: {worst['case']} at {fmt_w(worst['width'])}: H = {worst['h']:.3f} m ({worst['where']}), "
          f"symdiff {worst['symdiff']:.1f} m2, side {worst['side']:.3f} m, cap {worst['cap']:.3f} m")
    if over:
        caps = sum(1 for x in over if x["where"] == "cap")
        print(f"{len(over)} of {len(judged)} exceed {args.limit:g} m ({caps} of them at a flat cap)")
        return 1
    print(f"all within {args.limit:g} m")
    return 0


def fmt_w(w):
    return f"{w / 1000:g}km" if w >= 1000 else f"{w:g}m"


if __name__ == "__main__":
    sys.exit(main())
