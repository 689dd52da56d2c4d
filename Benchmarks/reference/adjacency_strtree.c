/*
 * adjacency_strtree: exact adjacency of a GeoJSON polygon layer with the
 * GEOS C API at its best (the reference of issue 7 for a GEOS-backed tool).
 *
 *   load with GEOS's GeoJSON reader; STRtree of all cells; for each cell i,
 *   a prepared geometry, and for every tree candidate j > i:
 *   GEOSPreparedIntersects, GEOSRelate to classify (interiors meeting =
 *   overlap = error, as mapcli's exact mode; boundary/boundary dimension 1 =
 *   edge, 0 = point), for edges the intersection of the two boundaries,
 *   line-merged, and its geodesic length on WGS84 (PROJ geod_inverse per
 *   segment, as mapcli). Boundaries are computed once per cell.
 *
 * Output (stdout or -o FILE): [{"a","b","contact","length_km"}] sorted by
 * (a, b), a < b by id. Queen contacts (points included), like mapcli's
 * default.
 *
 * Tolerance mode (-T METRES, for data that do not align; the same method
 * as shapely_adjacency.py --tolerance): every cell projected once to a local
 * transverse Mercator centred on the layer (PROJ, mapcli's pipeline); STRtree
 * of the projected cells, candidates from envelopes grown by the tolerance,
 * GEOSPreparedDistanceWithin; each cell's boundary and its buffer by the
 * tolerance (2 quadrant segments) made once; the shared border of A and B is
 * A's boundary inside B's buffered boundary and vice versa (both clipped
 * first to the window where the two cells' envelopes meet), projected back
 * and measured geodesically, length = their mean; edge contact if that
 * exceeds 4 x the tolerance, else point.
 *
 * usage: adjacency_strtree [-t THREADS] [-T METRES] [-v] [-o OUT] FILE.geojson
 *   -t 2: one GEOS context per thread, cells handed out in chunks of 64
 *   (dynamic, so the threads stay balanced); the tree is built before the
 *   threads start and only read by them.
 * build: gcc -O2 -o adjacency_strtree adjacency_strtree.c -lgeos_c -lproj -lm -lpthread
 */
#include "common.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

static Layer L;
static GEOSSTRtree *tree;
static double tol;                   /* metres; 0: exact mode */
static const GEOSGeometry **cells;   /* what the tree holds: L.geoms, or projected copies */
static double lon0, lat0;
static atomic_int next_chunk;
enum { CHUNK = 64 };

typedef struct {
    int tid;
    Pair *pairs;
    size_t n, cap;
    int *cand;
    size_t ncand, capcand;
    int i;
} Worker;

static void collect(void *item, void *userdata) {
    Worker *w = userdata;
    int j = (int)(intptr_t)item;
    if (j <= w->i) return;
    if (w->ncand == w->capcand) w->cand = xrealloc(w->cand, (w->capcand = w->capcand * 2 + 16) * sizeof *w->cand);
    w->cand[w->ncand++] = j;
}

static int int_order(const void *x, const void *y) { return *(const int *)x - *(const int *)y; }

static void *work(void *arg) {
    Worker *w = arg;
    GEOSContextHandle_t h = new_context();
    PJ *pj = tol > 0 ? local_tmerc(lon0, lat0) : NULL; /* one PROJ object per thread */
    /* Boundaries (and, with a tolerance, their buffers), made once per cell
     * by this worker. With one worker, cell i's are dropped once row i is
     * done (never needed again). */
    GEOSGeometry **boundary = calloc(L.n, sizeof *boundary);
    GEOSGeometry **near = tol > 0 ? calloc(L.n, sizeof *near) : NULL;
    GEOSBufferParams *bp = GEOSBufferParams_create_r(h);
    GEOSBufferParams_setQuadrantSegments_r(h, bp, 2);
    int single = w->tid < 0;
    for (;;) {
        int start = atomic_fetch_add(&next_chunk, CHUNK);
        if (start >= L.n) break;
        int stop = start + CHUNK < L.n ? start + CHUNK : L.n;
        for (int i = start; i < stop; i++) {
            const GEOSGeometry *gi = cells[i];
            w->i = i;
            w->ncand = 0;
            if (tol > 0) {
                double x0, y0, x1, y1;
                GEOSGeom_getExtent_r(h, gi, &x0, &y0, &x1, &y1);
                GEOSGeometry *box = GEOSGeom_createRectangle_r(h, x0 - tol, y0 - tol, x1 + tol, y1 + tol);
                GEOSSTRtree_query_r(h, tree, box, collect, w);
                GEOSGeom_destroy_r(h, box);
            } else {
                GEOSSTRtree_query_r(h, tree, gi, collect, w);
            }
            if (w->ncand == 0) goto done;
            qsort(w->cand, w->ncand, sizeof *w->cand, int_order);
            const GEOSPreparedGeometry *prep = GEOSPrepare_r(h, gi);
            for (size_t c = 0; c < w->ncand; c++) {
                int j = w->cand[c];
                const GEOSGeometry *gj = cells[j];
                Pair p = {i, j, 0, 0};
                if (tol > 0) {
                    char hit = GEOSPreparedDistanceWithin_r(h, prep, gj, tol);
                    if (hit == 2) die("GEOSPreparedDistanceWithin_r failed");
                    if (!hit) continue;
                    if (!boundary[i]) boundary[i] = GEOSBoundary_r(h, gi);
                    if (!boundary[j]) boundary[j] = GEOSBoundary_r(h, gj);
                    if (!near[i]) near[i] = GEOSBufferWithParams_r(h, boundary[i], bp, tol);
                    if (!near[j]) near[j] = GEOSBufferWithParams_r(h, boundary[j], bp, tol);
                    /* only the window where both can meet matters: clip first */
                    double ax0, ay0, ax1, ay1, bx0, by0, bx1, by1;
                    GEOSGeom_getExtent_r(h, gi, &ax0, &ay0, &ax1, &ay1);
                    GEOSGeom_getExtent_r(h, gj, &bx0, &by0, &bx1, &by1);
                    double wx0 = (ax0 > bx0 ? ax0 : bx0) - 2 * tol, wy0 = (ay0 > by0 ? ay0 : by0) - 2 * tol;
                    double wx1 = (ax1 < bx1 ? ax1 : bx1) + 2 * tol, wy1 = (ay1 < by1 ? ay1 : by1) + 2 * tol;
                    GEOSGeometry *ci = GEOSClipByRect_r(h, boundary[i], wx0, wy0, wx1, wy1);
                    GEOSGeometry *cj = GEOSClipByRect_r(h, boundary[j], wx0, wy0, wx1, wy1);
                    GEOSGeometry *ni = GEOSClipByRect_r(h, near[i], wx0, wy0, wx1, wy1);
                    GEOSGeometry *nj = GEOSClipByRect_r(h, near[j], wx0, wy0, wx1, wy1);
                    if (!ci || !cj || !ni || !nj) die("GEOSClipByRect_r failed");
                    GEOSGeometry *ab = GEOSIntersection_r(h, ci, nj);
                    GEOSGeometry *ba = GEOSIntersection_r(h, cj, ni);
                    if (!ab || !ba) die("GEOSIntersection_r failed");
                    GEOSGeom_destroy_r(h, ci);
                    GEOSGeom_destroy_r(h, cj);
                    GEOSGeom_destroy_r(h, ni);
                    GEOSGeom_destroy_r(h, nj);
                    p.length_m = (projected_length(h, pj, ab) + projected_length(h, pj, ba)) / 2;
                    GEOSGeom_destroy_r(h, ab);
                    GEOSGeom_destroy_r(h, ba);
                    p.edge = p.length_m > 4 * tol;
                    if (!p.edge) p.length_m = 0;
                } else {
                    char hit = GEOSPreparedIntersects_r(h, prep, gj);
                    if (hit == 2) die("GEOSPreparedIntersects_r failed");
                    if (!hit) continue;
                    char *im = GEOSRelate_r(h, gi, gj);
                    if (!im) die("GEOSRelate_r failed");
                    if (im[0] != 'F') die("%s and %s overlap; exact mode needs polygons that share edges", L.ids[i], L.ids[j]);
                    char bb = im[4];
                    GEOSFree_r(h, im);
                    if (bb == '1') {
                        if (!boundary[i]) boundary[i] = GEOSBoundary_r(h, gi);
                        if (!boundary[j]) boundary[j] = GEOSBoundary_r(h, gj);
                        GEOSGeometry *shared = GEOSIntersection_r(h, boundary[i], boundary[j]);
                        if (!shared) die("GEOSIntersection_r failed");
                        GEOSGeometry *merged = GEOSLineMerge_r(h, shared);
                        if (!merged) die("GEOSLineMerge_r failed");
                        p.edge = 1;
                        p.length_m = geom_length(h, merged);
                        GEOSGeom_destroy_r(h, merged);
                        GEOSGeom_destroy_r(h, shared);
                    } else if (bb != '0') {
                        continue;
                    }
                }
                if (w->n == w->cap) w->pairs = xrealloc(w->pairs, (w->cap = w->cap * 2 + 1024) * sizeof *w->pairs);
                w->pairs[w->n++] = p;
            }
            GEOSPreparedGeom_destroy_r(h, prep);
        done:
            if (single && boundary[i]) {
                GEOSGeom_destroy_r(h, boundary[i]);
                boundary[i] = NULL;
            }
            if (single && near && near[i]) {
                GEOSGeom_destroy_r(h, near[i]);
                near[i] = NULL;
            }
        }
    }
    for (int i = 0; i < L.n; i++) {
        if (boundary[i]) GEOSGeom_destroy_r(h, boundary[i]);
        if (near && near[i]) GEOSGeom_destroy_r(h, near[i]);
    }
    free(boundary);
    free(near);
    GEOSBufferParams_destroy_r(h, bp);
    GEOS_finish_r(h);
    return NULL;
}

static void noop(void *item, void *userdata) {
    (void)item;
    (void)userdata;
}

int main(int argc, char **argv) {
    int threads = 1;
    const char *out = NULL;
    int opt;
    while ((opt = getopt(argc, argv, "t:T:o:v")) != -1) {
        if (opt == 't') threads = atoi(optarg);
        else if (opt == 'T') tol = atof(optarg);
        else if (opt == 'o') out = optarg;
        else if (opt == 'v') bench_verbose = 1;
        else die("usage: adjacency_strtree [-t THREADS] [-T METRES] [-v] [-o OUT] FILE.geojson");
    }
    if (optind != argc - 1 || threads < 1) die("usage: adjacency_strtree [-t THREADS] [-T METRES] [-v] [-o OUT] FILE.geojson");
    stage(NULL);
    geodesy_init();
    GEOSContextHandle_t h = new_context();
    L = load_layer(h, argv[optind]);
    cells = L.geoms;
    if (tol > 0) {
        double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
        for (int i = 0; i < L.n; i++) {
            double a, b, c, d;
            GEOSGeom_getExtent_r(h, L.geoms[i], &a, &b, &c, &d);
            if (a < x0) x0 = a;
            if (b < y0) y0 = b;
            if (c > x1) x1 = c;
            if (d > y1) y1 = d;
        }
        lon0 = (x0 + x1) / 2, lat0 = (y0 + y1) / 2;
        PJ *pj = local_tmerc(lon0, lat0);
        const GEOSGeometry **projected = xmalloc(L.n * sizeof *projected);
        for (int i = 0; i < L.n; i++) projected[i] = transform_geom(h, pj, L.geoms[i], PJ_FWD);
        cells = projected;
        stage("project to tmerc");
    }
    tree = GEOSSTRtree_create_r(h, 10);
    for (int i = 0; i < L.n; i++) {
        double x0, y0, x1, y1; /* envelopes computed here, before any thread reads them */
        GEOSGeom_getExtent_r(h, cells[i], &x0, &y0, &x1, &y1);
        GEOSSTRtree_insert_r(h, tree, cells[i], (void *)(intptr_t)i);
    }
    GEOSSTRtree_query_r(h, tree, cells[0], noop, NULL); /* builds the tree */
    stage("STRtree");
    Worker *ws = calloc(threads, sizeof *ws);
    if (threads == 1) {
        ws[0].tid = -1;
        work(&ws[0]);
    } else {
        pthread_t *tids = xmalloc(threads * sizeof *tids);
        for (int t = 0; t < threads; t++) {
            ws[t].tid = t;
            pthread_create(&tids[t], NULL, work, &ws[t]);
        }
        for (int t = 0; t < threads; t++) pthread_join(tids[t], NULL);
        free(tids);
    }
    size_t total = 0;
    for (int t = 0; t < threads; t++) total += ws[t].n;
    Pair *all = xmalloc(total * sizeof *all);
    size_t k = 0;
    for (int t = 0; t < threads; t++) {
        memcpy(all + k, ws[t].pairs, ws[t].n * sizeof *all);
        k += ws[t].n;
    }
    stage("pairs");
    write_pairs(all, total, L.ids, L.n, out);
    stage("sort + write JSON");
    if (bench_verbose) fprintf(stderr, "  %d cells, %zu pairs\n", L.n, total);
    return 0; /* the OS frees the rest */
}
