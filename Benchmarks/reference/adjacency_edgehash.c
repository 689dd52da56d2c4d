/*
 * adjacency_edgehash: exact adjacency for coverages whose neighbours share
 * exact vertices (the second reference of issue 7).
 *
 *   load with GEOS's GeoJSON reader; copy every ring's coordinates out in
 *   bulk (GEOSCoordSeq_copyToBuffer_r); hash every undirected edge (its two
 *   vertices, bit-exact, in lexicographic order) -> the cell that has it; an
 *   edge met from a second cell is shared: its geodesic length (PROJ
 *   geod_inverse, WGS84, as mapcli) is added to that pair. Point contacts
 *   (queen): pairs of cells that share a vertex but no edge.
 *
 * Valid only for exact coverages: a neighbour whose vertex lies inside the
 * other's edge (T-junction), or boundaries that only cross, are not seen;
 * an edge found in three or more cells (overlap) is an error. No GEOS
 * predicate or overlay is used after loading.
 *
 * Output as adjacency_strtree: [{"a","b","contact","length_km"}] sorted by (a, b).
 * usage: adjacency_edgehash [-v] [-o OUT] FILE.geojson
 * build: gcc -O2 -o adjacency_edgehash adjacency_edgehash.c -lgeos_c -lproj -lm
 */
#include "common.h"

#include <unistd.h>

/* ---- open-addressing hash tables ---- */

static inline uint64_t mix64(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static inline uint64_t bits(double d) {
    if (d == 0) d = 0; /* -0.0 and 0.0 are the same vertex */
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

/* Edge table: key = 4 coordinate bit patterns; value = first owner, second owner. */
typedef struct {
    uint64_t k[4];
    int32_t a, b; /* a = -1: empty slot */
} EdgeSlot;

/* Vertex table: key = 2 bit patterns; value = up to 8 owners inline. */
enum { VMAX = 8 };
typedef struct {
    uint64_t k[2];
    int32_t n;
    int32_t owner[VMAX];
} VertexSlot;

/* Pair table: key = (a, b) feature indexes, a < b; value = length, edge flag. */
typedef struct {
    uint64_t key; /* UINT64_MAX: empty */
    double length_m;
    int edge;
} PairSlot;

static size_t pow2_at_least(size_t n) {
    size_t c = 1024;
    while (c < n) c <<= 1;
    return c;
}

static PairSlot *pairs;
static size_t pair_mask, pair_count;

static PairSlot *pair_get(int a, int b) {
    if (a > b) {
        int t = a;
        a = b;
        b = t;
    }
    uint64_t key = ((uint64_t)(uint32_t)a << 32) | (uint32_t)b;
    size_t s = mix64(key) & pair_mask;
    while (pairs[s].key != UINT64_MAX && pairs[s].key != key) s = (s + 1) & pair_mask;
    if (pairs[s].key == UINT64_MAX) {
        if (++pair_count * 2 > pair_mask) die("pair table full");
        pairs[s].key = key;
        pairs[s].length_m = 0;
        pairs[s].edge = 0;
    }
    return &pairs[s];
}

static PairSlot *pair_find(int a, int b) {
    if (a > b) {
        int t = a;
        a = b;
        b = t;
    }
    uint64_t key = ((uint64_t)(uint32_t)a << 32) | (uint32_t)b;
    size_t s = mix64(key) & pair_mask;
    while (pairs[s].key != UINT64_MAX && pairs[s].key != key) s = (s + 1) & pair_mask;
    return pairs[s].key == key ? &pairs[s] : NULL;
}

/* All rings of all cells, flattened: ring r of cell owner[r] is xy[start[r] .. start[r+1]) (pairs). */
static double *xy;
static size_t nxy, capxy;
static int *ring_owner;
static size_t *ring_start;
static size_t nrings, caprings;

static void add_ring(GEOSContextHandle_t h, const GEOSGeometry *ring, int owner) {
    const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned n;
    if (!cs || !GEOSCoordSeq_getSize_r(h, cs, &n)) die("GEOSGeom_getCoordSeq_r failed");
    if (nxy + n > capxy) xy = xrealloc(xy, (capxy = (nxy + n) * 2) * 2 * sizeof *xy);
    if (n && !GEOSCoordSeq_copyToBuffer_r(h, cs, xy + 2 * nxy, 0, 0)) die("GEOSCoordSeq_copyToBuffer_r failed");
    if (nrings + 2 > caprings) {
        caprings = caprings * 2 + 1024;
        ring_owner = xrealloc(ring_owner, caprings * sizeof *ring_owner);
        ring_start = xrealloc(ring_start, caprings * sizeof *ring_start);
    }
    ring_owner[nrings] = owner;
    ring_start[nrings] = nxy;
    nrings++;
    nxy += n;
    ring_start[nrings] = nxy;
}

static void add_polygon(GEOSContextHandle_t h, const GEOSGeometry *p, int owner) {
    add_ring(h, GEOSGetExteriorRing_r(h, p), owner);
    int nh = GEOSGetNumInteriorRings_r(h, p);
    for (int k = 0; k < nh; k++) add_ring(h, GEOSGetInteriorRingN_r(h, p, k), owner);
}

int main(int argc, char **argv) {
    const char *out = NULL;
    int opt;
    while ((opt = getopt(argc, argv, "o:v")) != -1) {
        if (opt == 'o') out = optarg;
        else if (opt == 'v') bench_verbose = 1;
        else die("usage: adjacency_edgehash [-v] [-o OUT] FILE.geojson");
    }
    if (optind != argc - 1) die("usage: adjacency_edgehash [-v] [-o OUT] FILE.geojson");
    stage(NULL);
    geodesy_init();
    GEOSContextHandle_t h = new_context();
    Layer L = load_layer(h, argv[optind]);
    for (int i = 0; i < L.n; i++) {
        const GEOSGeometry *g = L.geoms[i];
        if (GEOSGeomTypeId_r(h, g) == GEOS_POLYGON) {
            add_polygon(h, g, i);
        } else {
            int m = GEOSGetNumGeometries_r(h, g);
            for (int k = 0; k < m; k++) add_polygon(h, GEOSGetGeometryN_r(h, g, k), i);
        }
    }
    stage("copy coordinates out");

    /* Edges. */
    size_t emask = pow2_at_least(nxy + nxy / 4) - 1; /* ~nxy/2 distinct edges */
    EdgeSlot *edges = xmalloc((emask + 1) * sizeof *edges);
    for (size_t s = 0; s <= emask; s++) edges[s].a = -1;
    size_t vmask = pow2_at_least(nxy / 2 + nxy / 4) - 1; /* ~nxy/3 distinct vertices */
    VertexSlot *verts = xmalloc((vmask + 1) * sizeof *verts);
    for (size_t s = 0; s <= vmask; s++) verts[s].n = -1;
    pair_mask = pow2_at_least(8 * (size_t)L.n + 16) - 1;
    pairs = xmalloc((pair_mask + 1) * sizeof *pairs);
    for (size_t s = 0; s <= pair_mask; s++) pairs[s].key = UINT64_MAX;

    for (size_t r = 0; r < nrings; r++) {
        int owner = ring_owner[r];
        const double *c = xy + 2 * ring_start[r];
        size_t n = ring_start[r + 1] - ring_start[r];
        for (size_t k = 0; k + 1 < n; k++) {
            /* vertex k (the closing vertex repeats vertex 0: skipped) */
            uint64_t vx = bits(c[2 * k]), vy = bits(c[2 * k + 1]);
            size_t s = mix64(vx ^ mix64(vy)) & vmask;
            while (verts[s].n >= 0 && (verts[s].k[0] != vx || verts[s].k[1] != vy)) s = (s + 1) & vmask;
            if (verts[s].n < 0) {
                verts[s].k[0] = vx;
                verts[s].k[1] = vy;
                verts[s].n = 0;
            }
            VertexSlot *v = &verts[s];
            int seen = 0;
            for (int q = 0; q < v->n; q++) seen |= v->owner[q] == owner;
            if (!seen) {
                if (v->n == VMAX) die("more than %d cells meet at one vertex", VMAX);
                v->owner[v->n++] = owner;
            }
            /* edge k -> k+1 */
            const double *p = c + 2 * k, *q = c + 2 * k + 2;
            int swap = p[0] > q[0] || (p[0] == q[0] && p[1] > q[1]);
            const double *lo = swap ? q : p, *hi = swap ? p : q;
            uint64_t key[4] = {bits(lo[0]), bits(lo[1]), bits(hi[0]), bits(hi[1])};
            if (key[0] == key[2] && key[1] == key[3]) continue; /* repeated point */
            s = mix64(key[0] ^ mix64(key[1] ^ mix64(key[2] ^ mix64(key[3])))) & emask;
            while (edges[s].a >= 0 && memcmp(edges[s].k, key, sizeof key)) s = (s + 1) & emask;
            EdgeSlot *e = &edges[s];
            if (e->a < 0) {
                memcpy(e->k, key, sizeof key);
                e->a = owner;
                e->b = -1;
            } else if (e->a == owner) {
                /* the same edge twice in one cell (a hole touching the shell): not a border */
            } else if (e->b < 0) {
                e->b = owner;
                double s12;
                geod_inverse(&WGS84, p[1], p[0], q[1], q[0], &s12, NULL, NULL);
                PairSlot *ps = pair_get(e->a, owner);
                ps->edge = 1;
                ps->length_m += s12;
            } else {
                die("an edge of %s is also in %s and %s: the cells overlap", L.ids[owner], L.ids[e->a], L.ids[e->b]);
            }
        }
    }
    stage("hash edges and vertices");
    /* Point contacts: cells meeting at a vertex without a shared edge. */
    for (size_t s = 0; s <= vmask; s++) {
        VertexSlot *v = &verts[s];
        if (v->n < 2) continue;
        for (int x = 0; x < v->n; x++)
            for (int y = x + 1; y < v->n; y++)
                if (!pair_find(v->owner[x], v->owner[y])) pair_get(v->owner[x], v->owner[y])->edge = 0;
    }
    Pair *list = xmalloc((pair_count + 1) * sizeof *list);
    size_t np = 0;
    for (size_t s = 0; s <= pair_mask; s++)
        if (pairs[s].key != UINT64_MAX)
            list[np++] = (Pair){(int)(pairs[s].key >> 32), (int)(pairs[s].key & 0xffffffffu), pairs[s].edge, pairs[s].length_m};
    stage("point contacts");
    write_pairs(list, np, L.ids, L.n, out);
    stage("sort + write JSON");
    if (bench_verbose) fprintf(stderr, "  %d cells, %zu rings, %zu vertices, %zu pairs\n", L.n, nrings, nxy, np);
    return 0;
}
