/*
 * corridor: the C reference of `mapcli corridor --data CELLS --route-file
 * ROUTE --width W --format json` (issue 7), with the GEOS C API and PROJ.
 *
 *   1. The corridor: the route projected to a local transverse Mercator
 *      (PROJ, centred on the route's bounding box, the same pipeline string
 *      as mapcli), buffered by W/2 with flat caps (GEOSBufferWithParams,
 *      8 quadrant segments, round joins, as mapcli), projected back.
 *   2. Cells it takes from: STRtree candidates of boxes around each route
 *      segment, then a prepared-corridor intersects test; per cell the
 *      intersection (geodesic area, geod_polygonarea), the route length
 *      inside (geodesic), the difference (pieces > 1 m², their geodesic
 *      areas) and whether it is split; cells only touched (< 1 m² and no
 *      route inside) are left out, as mapcli does.
 *   3. Borders shortened or severed: for each taken cell and each neighbour
 *      (STRtree), the shared border (boundary ∩ boundary, lines, geodesic
 *      length) before and after (remainders); changes > 0.5 m are listed.
 *      mapcli computes the whole layer's rook adjacency twice (before and
 *      after) for this; only borders of taken cells can change, so the
 *      reference looks at those alone.
 *   4. Links: pairs of taken cells with no shared edge before, with the
 *      length of route between them (route ∩ each cell in the projection,
 *      GEOSProject of the pieces' ends: planar metres along the projected
 *      route, as mapcli). Intervals are computed once per cell (mapcli
 *      intersects again for every pair).
 *
 * Output: {"width_m","route_length_km","area_km2","territories":[…],
 * "border_changes":[…],"links":[…]} with mapcli's field names and orders
 * (places are empty for --data and not computed). Numbers unrounded.
 *
 * usage: corridor [-v] [-w WIDTH_M] [-o OUT] CELLS.geojson ROUTE.geojson
 * build: gcc -O2 -o corridor corridor.c -lgeos_c -lproj -lm
 */
#include "common.h"

#include <math.h>
#include <unistd.h>

static GEOSContextHandle_t h;
static PJ *pj;

static GEOSGeometry *transformed(const GEOSGeometry *g, PJ_DIRECTION dir) { return transform_geom(h, pj, g, dir); }

/* ---- the layer ---- */

typedef struct {
    int cell;
    double inside_m2, route_m, total_m2;
    double *pieces;
    int npieces, split;
    GEOSGeometry *rest; /* what is left (polygon or multipolygon) */
    double *iv;         /* route intervals (m along the projected route) */
    int niv;
} Impact;

static Layer L;
static int *taken; /* cell -> index in impacts, or -1 */

static int dbl_desc(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? 1 : a > b ? -1 : 0;
}

static double r3(double x) { return round(x * 1000) / 1000; } /* 3 decimals, as mapcli rounds before ordering */

static Impact *impacts;
static int nimp;
static int impact_order(const void *x, const void *y) {
    const Impact *p = x, *q = y;
    double a = r3(p->inside_m2 / 1e6), b = r3(q->inside_m2 / 1e6);
    if (a != b) return a < b ? 1 : -1;
    return strcmp(L.ids[p->cell], L.ids[q->cell]);
}

typedef struct {
    int a, b; /* cells, ids[a] < ids[b] */
    double before_m, after_m;
} Change;

typedef struct {
    int a, b;
    double gap_m;
    int has_gap;
} Link;

static int change_order(const void *x, const void *y) {
    const Change *p = x, *q = y;
    int c = strcmp(L.ids[p->a], L.ids[q->a]);
    return c ? c : strcmp(L.ids[p->b], L.ids[q->b]);
}
static int link_order(const void *x, const void *y) {
    const Link *p = x, *q = y;
    int c = strcmp(L.ids[p->a], L.ids[q->a]);
    return c ? c : strcmp(L.ids[p->b], L.ids[q->b]);
}

/* Geodesic length of the lines of boundary(a) ∩ boundary(b) (rook: 0 if they meet at points only). */
static double shared_length(const GEOSGeometry *a, const GEOSGeometry *b) {
    GEOSGeometry *ba = GEOSBoundary_r(h, a), *bb = GEOSBoundary_r(h, b);
    GEOSGeometry *x = GEOSIntersection_r(h, ba, bb);
    if (!x) die("GEOSIntersection_r failed");
    double len = geom_length(h, x); /* points have no length */
    GEOSGeom_destroy_r(h, x);
    GEOSGeom_destroy_r(h, ba);
    GEOSGeom_destroy_r(h, bb);
    return len;
}

typedef struct {
    int *v;
    size_t n, cap;
} Ints;
static void collect(void *item, void *userdata) {
    Ints *s = userdata;
    if (s->n == s->cap) s->v = xrealloc(s->v, (s->cap = s->cap * 2 + 64) * sizeof *s->v);
    s->v[s->n++] = (int)(intptr_t)item;
}

/* Edge-neighbour pairs before, as a small open-addressing set of (a, b). */
static uint64_t *bset;
static size_t bmask;
static uint64_t pkey(int a, int b) {
    if (a > b) {
        int t = a;
        a = b;
        b = t;
    }
    return ((uint64_t)(uint32_t)a << 32) | (uint32_t)b;
}
static size_t bslot(uint64_t k) {
    size_t s = (k * 0x9E3779B97F4A7C15ULL >> 17) & bmask;
    while (bset[s] != UINT64_MAX && bset[s] != k) s = (s + 1) & bmask;
    return s;
}

int main(int argc, char **argv) {
    const char *out = NULL;
    double width = 1000;
    int opt;
    while ((opt = getopt(argc, argv, "w:o:v")) != -1) {
        if (opt == 'w') width = atof(optarg);
        else if (opt == 'o') out = optarg;
        else if (opt == 'v') bench_verbose = 1;
        else die("usage: corridor [-v] [-w WIDTH_M] [-o OUT] CELLS.geojson ROUTE.geojson");
    }
    if (optind != argc - 2 || !(width > 0)) die("usage: corridor [-v] [-w WIDTH_M] [-o OUT] CELLS.geojson ROUTE.geojson");
    stage(NULL);
    geodesy_init();
    h = new_context();
    L = load_layer(h, argv[optind]);

    /* The route: the first LineString of the route file. */
    size_t rlen;
    char *rtext = read_file(argv[optind + 1], &rlen);
    GEOSGeoJSONReader *reader = GEOSGeoJSONReader_create_r(h);
    GEOSGeometry *rgc = GEOSGeoJSONReader_readGeometry_r(h, reader, rtext);
    if (!rgc) die("%s: not GeoJSON", argv[optind + 1]);
    const GEOSGeometry *route = NULL;
    for (int k = 0; k < GEOSGetNumGeometries_r(h, rgc) && !route; k++) {
        const GEOSGeometry *g = GEOSGetGeometryN_r(h, rgc, k);
        if (GEOSGeomTypeId_r(h, g) == GEOS_LINESTRING) route = g;
    }
    if (!route) die("%s: no LineString", argv[optind + 1]);
    double x0, y0, x1, y1;
    GEOSGeom_getExtent_r(h, route, &x0, &y0, &x1, &y1);
    double clon = (x0 + x1) / 2, clat = (y0 + y1) / 2;
    pj = local_tmerc(clon, clat);
    GEOSGeometry *mroute = transformed(route, PJ_FWD);
    GEOSBufferParams *bp = GEOSBufferParams_create_r(h);
    GEOSBufferParams_setEndCapStyle_r(h, bp, GEOSBUF_CAP_FLAT);
    GEOSBufferParams_setQuadrantSegments_r(h, bp, 8);
    GEOSGeometry *mcorr = GEOSBufferWithParams_r(h, mroute, bp, width / 2);
    GEOSBufferParams_destroy_r(h, bp);
    if (!mcorr) die("buffer failed");
    GEOSGeometry *corr = transformed(mcorr, PJ_INV);
    const GEOSPreparedGeometry *pcorr = GEOSPrepare_r(h, corr);
    double corr_area = geom_area(h, corr), route_len = geom_length(h, route);
    stage("route, buffer, corridor");

    GEOSSTRtree *tree = GEOSSTRtree_create_r(h, 10);
    for (int i = 0; i < L.n; i++) GEOSSTRtree_insert_r(h, tree, L.geoms[i], (void *)(intptr_t)i);
    /* candidates: boxes around each route segment, wide enough for the corridor */
    char *cand = calloc(L.n, 1);
    {
        const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, route);
        unsigned n;
        GEOSCoordSeq_getSize_r(h, cs, &n);
        double maxlat = fabs(y0) > fabs(y1) ? fabs(y0) : fabs(y1);
        double pad = width / 2 / (111000 * cos(fmin(maxlat + 1, 89) * M_PI / 180)) * 1.5;
        Ints hits = {0};
        for (unsigned k = 1; k < n; k++) {
            double ax, ay, bx, by;
            GEOSCoordSeq_getXY_r(h, cs, k - 1, &ax, &ay);
            GEOSCoordSeq_getXY_r(h, cs, k, &bx, &by);
            GEOSGeometry *box = GEOSGeom_createRectangle_r(h, fmin(ax, bx) - pad, fmin(ay, by) - pad, fmax(ax, bx) + pad, fmax(ay, by) + pad);
            hits.n = 0;
            GEOSSTRtree_query_r(h, tree, box, collect, &hits);
            for (size_t q = 0; q < hits.n; q++) cand[hits.v[q]] = 1;
            GEOSGeom_destroy_r(h, box);
        }
        free(hits.v);
    }
    stage("STRtree candidates");

    taken = xmalloc(L.n * sizeof *taken);
    impacts = xmalloc(L.n * sizeof *impacts);
    for (int i = 0; i < L.n; i++) {
        taken[i] = -1;
        if (!cand[i]) continue;
        const GEOSGeometry *g = L.geoms[i];
        if (GEOSPreparedIntersects_r(h, pcorr, g) != 1) continue;
        GEOSGeometry *inside = GEOSIntersection_r(h, g, corr);
        double area = geom_area(h, inside);
        GEOSGeom_destroy_r(h, inside);
        GEOSGeometry *rin = GEOSIntersection_r(h, route, g);
        double rlen_in = geom_length(h, rin);
        GEOSGeom_destroy_r(h, rin);
        if (!(area > 1 || rlen_in > 0)) continue; /* touching only */
        GEOSGeometry *rest = GEOSDifference_r(h, g, corr);
        int m = GEOSGetNumGeometries_r(h, rest);
        Impact im = {i, area, rlen_in, geom_area(h, g), xmalloc((m + 1) * sizeof(double)), 0, 0, NULL, NULL, 0};
        GEOSGeometry **keep = xmalloc((m + 1) * sizeof *keep);
        for (int k = 0; k < m; k++) {
            const GEOSGeometry *part = GEOSGetGeometryN_r(h, rest, k);
            if (GEOSGeomTypeId_r(h, part) != GEOS_POLYGON) continue;
            double a = polygon_area(h, part);
            if (a > 1) {
                im.pieces[im.npieces] = a;
                keep[im.npieces++] = GEOSGeom_clone_r(h, part);
            }
        }
        qsort(im.pieces, im.npieces, sizeof(double), dbl_desc);
        im.split = im.npieces > GEOSGetNumGeometries_r(h, g);
        im.rest = GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, keep, im.npieces);
        free(keep);
        GEOSGeom_destroy_r(h, rest);
        taken[i] = nimp;
        impacts[nimp++] = im;
    }
    stage("cells taken (area, pieces)");

    /* Borders of taken cells, before and after. */
    bmask = 1023;
    while (bmask < (size_t)nimp * 32) bmask = bmask * 2 + 1;
    bset = xmalloc((bmask + 1) * sizeof *bset);
    for (size_t s = 0; s <= bmask; s++) bset[s] = UINT64_MAX;
    Change *changes = xmalloc(1);
    size_t nch = 0, capch = 0;
    Ints nb = {0};
    for (int k = 0; k < nimp; k++) {
        int t = impacts[k].cell;
        const GEOSGeometry *gt = L.geoms[t];
        const GEOSPreparedGeometry *pt = GEOSPrepare_r(h, gt);
        nb.n = 0;
        GEOSSTRtree_query_r(h, tree, gt, collect, &nb);
        for (size_t q = 0; q < nb.n; q++) {
            int u = nb.v[q];
            if (u == t || (taken[u] >= 0 && u < t)) continue; /* each pair once */
            if (GEOSPreparedIntersects_r(h, pt, L.geoms[u]) != 1) continue;
            double before = shared_length(gt, L.geoms[u]);
            if (!(before > 0)) continue; /* rook: edges only */
            bset[bslot(pkey(t, u))] = pkey(t, u);
            const GEOSGeometry *ra = impacts[k].rest, *rb = taken[u] >= 0 ? impacts[taken[u]].rest : L.geoms[u];
            double after = (GEOSisEmpty_r(h, ra) || GEOSisEmpty_r(h, rb)) ? 0 : shared_length(ra, rb);
            if (fabs(after - before) <= 0.5) continue;
            if (nch == capch) changes = xrealloc(changes, (capch = capch * 2 + 64) * sizeof *changes);
            int a = t, b = u;
            if (strcmp(L.ids[a], L.ids[b]) > 0) a = u, b = t;
            changes[nch++] = (Change){a, b, before, after};
        }
        GEOSPreparedGeom_destroy_r(h, pt);
    }
    qsort(changes, nch, sizeof *changes, change_order);
    stage("borders before/after");

    /* Links: route intervals once per taken cell, then every pair without a border before. */
    for (int k = 0; k < nimp; k++) {
        GEOSGeometry *mcell = transformed(L.geoms[impacts[k].cell], PJ_FWD);
        GEOSGeometry *parts = GEOSIntersection_r(h, mroute, mcell);
        int m = GEOSGetNumGeometries_r(h, parts);
        impacts[k].iv = xmalloc((2 * m + 2) * sizeof(double));
        for (int p = 0; p < m; p++) {
            const GEOSGeometry *part = GEOSGetGeometryN_r(h, parts, p);
            if (GEOSGeomTypeId_r(h, part) != GEOS_LINESTRING || GEOSGeomGetNumPoints_r(h, part) < 2) continue;
            GEOSGeometry *s = GEOSGeomGetStartPoint_r(h, part), *e = GEOSGeomGetEndPoint_r(h, part);
            double ds = GEOSProject_r(h, mroute, s), de = GEOSProject_r(h, mroute, e);
            impacts[k].iv[2 * impacts[k].niv] = fmin(ds, de);
            impacts[k].iv[2 * impacts[k].niv + 1] = fmax(ds, de);
            impacts[k].niv++;
            GEOSGeom_destroy_r(h, s);
            GEOSGeom_destroy_r(h, e);
        }
        GEOSGeom_destroy_r(h, parts);
        GEOSGeom_destroy_r(h, mcell);
    }
    Link *links = xmalloc(1);
    size_t nlinks = 0, caplinks = 0;
    /* reached in layer order, as mapcli */
    int *reached = xmalloc((nimp + 1) * sizeof *reached), nr = 0;
    for (int i = 0; i < L.n; i++)
        if (taken[i] >= 0) reached[nr++] = i;
    for (int x = 0; x < nr; x++)
        for (int y = x + 1; y < nr; y++) {
            int a = reached[x], b = reached[y];
            uint64_t key = pkey(a, b);
            if (bset[bslot(key)] == key) continue;
            Impact *ia = &impacts[taken[a]], *ib = &impacts[taken[b]];
            Link l = {a, b, 0, 0};
            if (strcmp(L.ids[a], L.ids[b]) > 0) l.a = b, l.b = a;
            for (int p = 0; p < ia->niv; p++)
                for (int q = 0; q < ib->niv; q++) {
                    double gap = fmax(0, fmax(ia->iv[2 * p], ib->iv[2 * q]) - fmin(ia->iv[2 * p + 1], ib->iv[2 * q + 1]));
                    if (!l.has_gap || gap < l.gap_m) l.gap_m = gap, l.has_gap = 1;
                }
            if (nlinks == caplinks) links = xrealloc(links, (caplinks = caplinks * 2 + 1024) * sizeof *links);
            links[nlinks++] = l;
        }
    qsort(links, nlinks, sizeof *links, link_order);
    stage("links");

    qsort(impacts, nimp, sizeof *impacts, impact_order);
    Out o = {xmalloc(1 << 20), 0, 1 << 20};
    out_printf(&o, "{\"width_m\":%.17g,\"route_length_km\":%.6f,\"area_km2\":%.6f,\n\"territories\":[", width, route_len / 1000, corr_area / 1e6);
    for (int k = 0; k < nimp; k++) {
        Impact *im = &impacts[k];
        out_printf(&o, k ? ",\n{\"id\":" : "\n{\"id\":");
        out_string(&o, L.ids[im->cell]);
        out_printf(&o, ",\"area_inside_km2\":%.6f,\"area_percent\":%.6f,\"route_length_inside_km\":%.6f,\"pieces_km2\":[",
                   im->inside_m2 / 1e6, im->total_m2 > 0 ? im->inside_m2 / im->total_m2 * 100 : 0, im->route_m / 1000);
        for (int p = 0; p < im->npieces; p++) out_printf(&o, p ? ",%.6f" : "%.6f", im->pieces[p] / 1e6);
        out_printf(&o, "],\"split\":%s}", im->split ? "true" : "false");
    }
    out_printf(&o, "],\n\"border_changes\":[");
    for (size_t k = 0; k < nch; k++) {
        out_printf(&o, k ? ",\n{\"a\":" : "\n{\"a\":");
        out_string(&o, L.ids[changes[k].a]);
        out_printf(&o, ",\"b\":");
        out_string(&o, L.ids[changes[k].b]);
        out_printf(&o, ",\"length_before_km\":%.6f,\"length_after_km\":%.6f,\"severed\":%s}", changes[k].before_m / 1000,
                   changes[k].after_m / 1000, changes[k].after_m == 0 ? "true" : "false");
    }
    out_printf(&o, "],\n\"links\":[");
    for (size_t k = 0; k < nlinks; k++) {
        out_printf(&o, k ? ",\n{\"a\":" : "\n{\"a\":");
        out_string(&o, L.ids[links[k].a]);
        out_printf(&o, ",\"b\":");
        out_string(&o, L.ids[links[k].b]);
        if (links[k].has_gap) out_printf(&o, ",\"route_km\":%.6f", links[k].gap_m / 1000);
        out_printf(&o, "}");
    }
    out_printf(&o, "]}\n");
    out_write(&o, out);
    stage("write JSON");
    if (bench_verbose)
        fprintf(stderr, "  %d cells, %d taken, %zu border changes, %zu links\n", L.n, nimp, nch, nlinks);
    return 0;
}
