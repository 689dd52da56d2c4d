/*
 * Shared helpers of the C reference programs of `make bench` (issue 7):
 * reading a file, loading a GeoJSON FeatureCollection of polygons with
 * GEOS's own GeoJSON reader (GEOS >= 3.10, reentrant API only) plus the
 * feature ids, geodesic measures with PROJ's geodesic.h (Karney, WGS84),
 * a growable output buffer and stage timings on standard error.
 *
 * Header-only on purpose: each reference is one translation unit,
 * built with `gcc -O2 file.c -lgeos_c -lproj -lm -lpthread`.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#define _GNU_SOURCE
#include <geodesic.h>
#include <geos_c.h>
#include <proj.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) die("out of memory (%zu bytes)", n);
    return p;
}

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p) die("out of memory (%zu bytes)", n);
    return p;
}

/* ---- timing (stage times on stderr with -v) ---- */

static int bench_verbose = 0;

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double stage_t0;
static void stage(const char *name) {
    double t = now_s();
    if (bench_verbose && name) fprintf(stderr, "  %-28s %8.3f s\n", name, t - stage_t0);
    stage_t0 = t;
}

/* ---- GEOS context ---- */

static void geos_message(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("GEOS: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static GEOSContextHandle_t new_context(void) {
    GEOSContextHandle_t h = GEOS_init_r();
    if (!h) die("GEOS_init_r failed");
    GEOSContext_setErrorHandler_r(h, geos_message);
    return h;
}

/* ---- files ---- */

static char *read_file(const char *path, size_t *len) {
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) die("cannot open %s", path);
    size_t cap = 1 << 20, n = 0;
    char *buf = xmalloc(cap + 1);
    for (;;) {
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (n < cap) break;
        cap *= 2;
        buf = xrealloc(buf, cap + 1);
    }
    if (f != stdin) fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

/* ---- feature ids ----
 * GEOS's GeoJSON reader turns a FeatureCollection into a GeometryCollection
 * (in feature order) and drops ids and properties, so the ids are taken in
 * one extra pass: a small structural scan of the JSON (it trusts the file to
 * be well-formed: GEOS's reader has just parsed it). The id of feature k is
 * its "id" member, else properties.id, else "#k" (as mapcli does). */

typedef struct {
    const char *p, *end;
} Scan;

static void sc_ws(Scan *s) {
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t')) s->p++;
}

/* A string at s->p (on its opening quote); returns a malloc'd copy with the
 * simple escapes decoded (\uXXXX is kept as written). */
static char *sc_string(Scan *s, int want) {
    if (*s->p != '"') die("id scan: expected a string");
    const char *q = ++s->p;
    while (s->p < s->end && *s->p != '"') s->p += (*s->p == '\\') ? 2 : 1;
    const char *e = s->p++;
    if (!want) return NULL;
    char *out = xmalloc(e - q + 1), *o = out;
    for (const char *c = q; c < e; c++) {
        if (*c == '\\' && c + 1 < e) {
            c++;
            switch (*c) {
            case 'n': *o++ = '\n'; break;
            case 't': *o++ = '\t'; break;
            case 'r': *o++ = '\r'; break;
            case 'b': *o++ = '\b'; break;
            case 'f': *o++ = '\f'; break;
            case 'u': *o++ = '\\'; *o++ = 'u'; break;
            default: *o++ = *c;
            }
        } else {
            *o++ = *c;
        }
    }
    *o = 0;
    return out;
}

static void sc_skip(Scan *s) {
    sc_ws(s);
    char c = *s->p;
    if (c == '"') {
        sc_string(s, 0);
    } else if (c == '{' || c == '[') {
        /* bracket counting in a tight loop; strings are skipped whole */
        const char *p = s->p, *end = s->end;
        int depth = 0;
        while (p < end) {
            c = *p++;
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                if (--depth == 0) break;
            } else if (c == '"') {
                while (p < end && *p != '"') p += (*p == '\\') ? 2 : 1;
                p++;
            }
        }
        s->p = p;
    } else {
        while (s->p < s->end && *s->p != ',' && *s->p != '}' && *s->p != ']' && *s->p != ' ' && *s->p != '\n' &&
               *s->p != '\r' && *s->p != '\t')
            s->p++;
    }
}

/* A scalar value as text (for numeric ids). */
static char *sc_scalar(Scan *s) {
    sc_ws(s);
    if (*s->p == '"') return sc_string(s, 1);
    const char *q = s->p;
    sc_skip(s);
    char *out = xmalloc(s->p - q + 1);
    memcpy(out, q, s->p - q);
    out[s->p - q] = 0;
    return out;
}

/* Calls f(key, scan) for each member of the object at s->p; f must consume
 * the value. */
#define SC_OBJECT(s, KEY, ...)                                                                                                  \
    do {                                                                                                                       \
        sc_ws(s);                                                                                                              \
        if (*(s)->p != '{') die("id scan: expected an object");                                                                \
        (s)->p++;                                                                                                              \
        sc_ws(s);                                                                                                              \
        if (*(s)->p == '}') {                                                                                                  \
            (s)->p++;                                                                                                          \
            break;                                                                                                             \
        }                                                                                                                      \
        for (;;) {                                                                                                             \
            sc_ws(s);                                                                                                          \
            char *KEY = sc_string(s, 1);                                                                                       \
            sc_ws(s);                                                                                                          \
            (s)->p++; /* : */                                                                                                  \
            __VA_ARGS__;                                                                                                           \
            free(KEY);                                                                                                         \
            sc_ws(s);                                                                                                          \
            if (*(s)->p == ',') {                                                                                              \
                (s)->p++;                                                                                                      \
                continue;                                                                                                      \
            }                                                                                                                  \
            (s)->p++; /* } */                                                                                                  \
            break;                                                                                                             \
        }                                                                                                                      \
    } while (0)

static char **feature_ids(const char *buf, size_t len, int *count) {
    Scan s = {buf, buf + len};
    int cap = 1024, n = 0;
    char **ids = xmalloc(cap * sizeof *ids);
    SC_OBJECT(&s, key, {
        if (strcmp(key, "features") == 0) {
            sc_ws(&s);
            s.p++; /* [ */
            sc_ws(&s);
            while (*s.p != ']') {
                char *id = NULL, *pid = NULL;
                SC_OBJECT(&s, fkey, {
                    if (strcmp(fkey, "id") == 0) {
                        id = sc_scalar(&s);
                    } else if (strcmp(fkey, "properties") == 0) {
                        sc_ws(&s);
                        if (*s.p == '{') {
                            SC_OBJECT(&s, pkey, {
                                if (!pid && strcmp(pkey, "id") == 0) {
                                    sc_ws(&s);
                                    if (*s.p == 'n') sc_skip(&s); /* null */
                                    else pid = sc_scalar(&s);
                                } else {
                                    sc_skip(&s);
                                }
                            });
                        } else {
                            sc_skip(&s);
                        }
                    } else {
                        sc_skip(&s);
                    }
                });
                if (!id && pid) id = pid, pid = NULL;
                free(pid);
                if (!id) {
                    char tmp[32];
                    snprintf(tmp, sizeof tmp, "#%d", n);
                    id = strdup(tmp);
                }
                if (n == cap) ids = xrealloc(ids, (cap *= 2) * sizeof *ids);
                ids[n++] = id;
                sc_ws(&s);
                if (*s.p == ',') s.p++;
                sc_ws(&s);
            }
            s.p++;
        } else {
            sc_skip(&s);
        }
    });
    *count = n;
    return ids;
}

/* ---- loading polygons ---- */

typedef struct {
    GEOSGeometry *collection;     /* owns everything */
    const GEOSGeometry **geoms;   /* feature i's geometry (borrowed) */
    char **ids;
    int n;
} Layer;

static Layer load_layer(GEOSContextHandle_t h, const char *path) {
    size_t len;
    char *text = read_file(path, &len);
    stage("read file");
    Layer L = {NULL, NULL, NULL, 0};
    L.ids = feature_ids(text, len, &L.n);
    stage("feature ids");
    GEOSGeoJSONReader *reader = GEOSGeoJSONReader_create_r(h);
    GEOSGeometry *gc = GEOSGeoJSONReader_readGeometry_r(h, reader, text);
    GEOSGeoJSONReader_destroy_r(h, reader);
    if (!gc) die("%s: GEOS could not read it as GeoJSON", path);
    L.collection = gc;
    free(text);
    stage("GEOS GeoJSON reader");
    int ng = GEOSGetNumGeometries_r(h, gc);
    if (GEOSGeomTypeId_r(h, gc) != GEOS_GEOMETRYCOLLECTION) ng = 1, L.n = L.n ? L.n : 1;
    if (ng != L.n) die("%s: %d geometries but %d features", path, ng, L.n);
    L.geoms = xmalloc(L.n * sizeof *L.geoms);
    for (int i = 0; i < L.n; i++) {
        L.geoms[i] = ng == 1 && GEOSGeomTypeId_r(h, gc) != GEOS_GEOMETRYCOLLECTION ? gc : GEOSGetGeometryN_r(h, gc, i);
        int t = GEOSGeomTypeId_r(h, L.geoms[i]);
        if (t != GEOS_POLYGON && t != GEOS_MULTIPOLYGON) die("%s: feature %d (%s) is not a polygon", path, i, L.ids[i]);
    }
    return L;
}

/* ---- geodesy (WGS84, as mapcli: PROJ's geodesic routines) ---- */

static struct geod_geodesic WGS84;
static void geodesy_init(void) { geod_init(&WGS84, 6378137.0, 1.0 / 298.257223563); }

/* Geodesic length (m) of the path xy[0..n) (lon, lat interleaved). */
static double path_length(const double *xy, unsigned n) {
    double total = 0, s12;
    for (unsigned k = 1; k < n; k++) {
        geod_inverse(&WGS84, xy[2 * k - 1], xy[2 * k - 2], xy[2 * k + 1], xy[2 * k], &s12, NULL, NULL);
        total += s12;
    }
    return total;
}

/* Coordinates of a simple geometry (line or ring) into a reusable buffer. */
static double *seq_xy(GEOSContextHandle_t h, const GEOSGeometry *g, unsigned *n, double **buf, unsigned *cap) {
    const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, g);
    if (!cs || !GEOSCoordSeq_getSize_r(h, cs, n)) die("GEOSGeom_getCoordSeq_r failed");
    if (*n > *cap) {
        *cap = *n * 2;
        *buf = xrealloc(*buf, 2 * sizeof(double) * *cap);
    }
    if (*n && !GEOSCoordSeq_copyToBuffer_r(h, cs, *buf, 0, 0)) die("GEOSCoordSeq_copyToBuffer_r failed");
    return *buf;
}

/* Geodesic length (m) of every line of g (points count 0). */
__attribute__((unused)) static double geom_length(GEOSContextHandle_t h, const GEOSGeometry *g) {
    static __thread double *buf = NULL;
    static __thread unsigned cap = 0;
    int t = GEOSGeomTypeId_r(h, g);
    if (t == GEOS_LINESTRING || t == GEOS_LINEARRING) {
        unsigned n;
        seq_xy(h, g, &n, &buf, &cap);
        return path_length(buf, n);
    }
    if (t == GEOS_POLYGON) {
        double s = geom_length(h, GEOSGetExteriorRing_r(h, g));
        int nh = GEOSGetNumInteriorRings_r(h, g);
        for (int k = 0; k < nh; k++) s += geom_length(h, GEOSGetInteriorRingN_r(h, g, k));
        return s;
    }
    if (t == GEOS_MULTILINESTRING || t == GEOS_MULTIPOLYGON || t == GEOS_GEOMETRYCOLLECTION) {
        double s = 0;
        int m = GEOSGetNumGeometries_r(h, g);
        for (int k = 0; k < m; k++) s += geom_length(h, GEOSGetGeometryN_r(h, g, k));
        return s;
    }
    return 0;
}

/* Unsigned geodesic area (m^2) of a ring. */
static double ring_area(GEOSContextHandle_t h, const GEOSGeometry *ring) {
    static __thread double *buf = NULL, *lat = NULL, *lon = NULL;
    static __thread unsigned cap = 0, lcap = 0;
    unsigned n;
    double *xy = seq_xy(h, ring, &n, &buf, &cap);
    if (n < 3) return 0;
    if (n > lcap) {
        lcap = n * 2;
        lat = xrealloc(lat, lcap * sizeof *lat);
        lon = xrealloc(lon, lcap * sizeof *lon);
    }
    for (unsigned k = 0; k < n; k++) lon[k] = xy[2 * k], lat[k] = xy[2 * k + 1];
    double area, perimeter;
    geod_polygonarea(&WGS84, lat, lon, (int)n, &area, &perimeter);
    return area < 0 ? -area : area;
}

/* Geodesic area (m^2) of a polygon (exterior minus holes, at least 0). */
static double polygon_area(GEOSContextHandle_t h, const GEOSGeometry *p) {
    double a = ring_area(h, GEOSGetExteriorRing_r(h, p));
    int nh = GEOSGetNumInteriorRings_r(h, p);
    for (int k = 0; k < nh; k++) a -= ring_area(h, GEOSGetInteriorRingN_r(h, p, k));
    return a > 0 ? a : 0;
}

/* Geodesic area of all polygons of g. */
__attribute__((unused)) static double geom_area(GEOSContextHandle_t h, const GEOSGeometry *g) {
    int t = GEOSGeomTypeId_r(h, g);
    if (t == GEOS_POLYGON) return polygon_area(h, g);
    if (t == GEOS_MULTIPOLYGON || t == GEOS_GEOMETRYCOLLECTION) {
        double s = 0;
        int m = GEOSGetNumGeometries_r(h, g);
        for (int k = 0; k < m; k++) s += geom_area(h, GEOSGetGeometryN_r(h, g, k));
        return s;
    }
    return 0;
}

/* ---- projection (PROJ) ---- */

/* Projects a coordinate buffer (lon, lat interleaved) in place. */
__attribute__((unused)) static void project(PJ *pj, double *xy, size_t n, PJ_DIRECTION dir) {
    if (!n) return;
    proj_errno_reset(pj);
    size_t done = proj_trans_generic(pj, dir, xy, 2 * sizeof(double), n, xy + 1, 2 * sizeof(double), n, NULL, 0, 0, NULL, 0, 0);
    if (done != n || proj_errno(pj)) die("proj_trans_generic failed");
}


/* A copy of a line, ring, (multi)polygon or collection with every coordinate projected. */
__attribute__((unused)) static GEOSGeometry *transform_seq(GEOSContextHandle_t h, PJ *pj, const GEOSGeometry *g, PJ_DIRECTION dir, int ring) {
    static __thread double *buf = NULL;
    static __thread unsigned cap = 0;
    unsigned n;
    double *xy = seq_xy(h, g, &n, &buf, &cap);
    project(pj, xy, n, dir);
    GEOSCoordSequence *cs = GEOSCoordSeq_copyFromBuffer_r(h, xy, n, 0, 0);
    if (ring) {
        /* keep the ring closed bit-exactly */
        GEOSCoordSeq_setXY_r(h, cs, n - 1, xy[0], xy[1]);
        return GEOSGeom_createLinearRing_r(h, cs);
    }
    return GEOSGeom_createLineString_r(h, cs);
}

__attribute__((unused)) static GEOSGeometry *transform_geom(GEOSContextHandle_t h, PJ *pj, const GEOSGeometry *g, PJ_DIRECTION dir) {
    int t = GEOSGeomTypeId_r(h, g);
    if (t == GEOS_LINESTRING) return transform_seq(h, pj, g, dir, 0);
    if (t == GEOS_POLYGON) {
        GEOSGeometry *shell = transform_seq(h, pj, GEOSGetExteriorRing_r(h, g), dir, 1);
        int nh = GEOSGetNumInteriorRings_r(h, g);
        GEOSGeometry **holes = xmalloc((nh + 1) * sizeof *holes);
        for (int k = 0; k < nh; k++) holes[k] = transform_seq(h, pj, GEOSGetInteriorRingN_r(h, g, k), dir, 1);
        GEOSGeometry *p = GEOSGeom_createPolygon_r(h, shell, holes, nh);
        free(holes);
        return p;
    }
    if (t == GEOS_MULTIPOLYGON || t == GEOS_MULTILINESTRING || t == GEOS_GEOMETRYCOLLECTION) {
        int m = GEOSGetNumGeometries_r(h, g);
        GEOSGeometry **parts = xmalloc((m + 1) * sizeof *parts);
        for (int k = 0; k < m; k++) parts[k] = transform_geom(h, pj, GEOSGetGeometryN_r(h, g, k), dir);
        GEOSGeometry *c = GEOSGeom_createCollection_r(h, t, parts, m);
        free(parts);
        return c;
    }
    die("cannot project geometry type %d", t);
    return NULL;
}


/* A local transverse Mercator (degrees in, metres out), the pipeline mapcli uses. */
__attribute__((unused)) static PJ *local_tmerc(double lon0, double lat0) {
    char def[512];
    snprintf(def, sizeof def,
             "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
             "+step +proj=tmerc +lat_0=%.17g +lon_0=%.17g +k=1 +x_0=0 +y_0=0 +ellps=WGS84",
             lat0, lon0);
    PJ *p = proj_create(proj_context_create(), def);
    if (!p) die("proj_create failed");
    return p;
}

/* Geodesic length (m) of the lines of a projected geometry, projected back. */
__attribute__((unused)) static double projected_length(GEOSContextHandle_t h, PJ *pj, const GEOSGeometry *g) {
    static __thread double *buf = NULL;
    static __thread unsigned cap = 0;
    int t = GEOSGeomTypeId_r(h, g);
    if (t == GEOS_LINESTRING || t == GEOS_LINEARRING) {
        unsigned n;
        double *xy = seq_xy(h, g, &n, &buf, &cap);
        project(pj, xy, n, PJ_INV);
        return path_length(xy, n);
    }
    if (t == GEOS_MULTILINESTRING || t == GEOS_GEOMETRYCOLLECTION) {
        double s = 0;
        int m = GEOSGetNumGeometries_r(h, g);
        for (int k = 0; k < m; k++) s += projected_length(h, pj, GEOSGetGeometryN_r(h, g, k));
        return s;
    }
    return 0;
}

/* ---- output ---- */

typedef struct {
    char *p;
    size_t n, cap;
} Out;

static void out_printf(Out *o, const char *fmt, ...) {
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(o->p + o->n, o->cap - o->n, fmt, ap);
        va_end(ap);
        if (k >= 0 && (size_t)k < o->cap - o->n) {
            o->n += k;
            return;
        }
        o->cap = o->cap * 2 + (k > 0 ? k : 0) + 4096;
        o->p = xrealloc(o->p, o->cap);
    }
}

static void out_reserve(Out *o, size_t k) {
    if (o->n + k + 1 > o->cap) {
        o->cap = (o->n + k + 1) * 2;
        o->p = xrealloc(o->p, o->cap);
    }
}

/* A JSON string (escaping what JSON requires). */
static void out_string(Out *o, const char *s) {
    out_reserve(o, strlen(s) * 6 + 2);
    char *w = o->p + o->n;
    *w++ = '"';
    for (; *s; s++) {
        unsigned char c = *s;
        if (c == '"' || c == '\\') *w++ = '\\', *w++ = c;
        else if (c < 0x20) w += sprintf(w, "\\u%04x", c);
        else *w++ = c;
    }
    *w++ = '"';
    o->n = w - o->p;
}

static void out_write(Out *o, const char *path) {
    FILE *f = path && strcmp(path, "-") ? fopen(path, "wb") : stdout;
    if (!f) die("cannot write %s", path);
    if (fwrite(o->p, 1, o->n, f) != o->n) die("write failed");
    if (f != stdout) fclose(f);
    else fflush(stdout);
}

/* ---- adjacency results ---- */

typedef struct {
    int a, b;        /* feature indexes, ids[a] < ids[b] */
    int edge;        /* 1 edge, 0 point */
    double length_m;
} Pair;

static char **sort_ids;
static int *id_rank;
static int id_order(const void *x, const void *y) { return strcmp(sort_ids[*(const int *)x], sort_ids[*(const int *)y]); }
static int pair_order(const void *x, const void *y) {
    const Pair *p = x, *q = y;
    int a = id_rank[p->a], b = id_rank[q->a];
    if (a != b) return a < b ? -1 : 1;
    a = id_rank[p->b], b = id_rank[q->b];
    return a < b ? -1 : a > b;
}

/* rank[i] = position of ids[i] in id order (ties: equal ids are an error upstream). */
static int *rank_ids(char **ids, int n) {
    int *order = xmalloc(n * sizeof *order), *rank = xmalloc(n * sizeof *rank);
    for (int i = 0; i < n; i++) order[i] = i;
    sort_ids = ids;
    qsort(order, n, sizeof *order, id_order);
    for (int k = 0; k < n; k++) rank[order[k]] = k;
    free(order);
    return rank;
}

/* Sorts by (a, b) ids and writes [{"a","b","contact","length_km"}]. */
__attribute__((unused)) static void write_pairs(Pair *pairs, size_t n, char **ids, int nids, const char *path) {
    id_rank = rank_ids(ids, nids);
    for (size_t k = 0; k < n; k++)
        if (id_rank[pairs[k].a] > id_rank[pairs[k].b]) {
            int t = pairs[k].a;
            pairs[k].a = pairs[k].b;
            pairs[k].b = t;
        }
    qsort(pairs, n, sizeof *pairs, pair_order);
    Out o = {xmalloc(1 << 20), 0, 1 << 20};
    out_printf(&o, "[");
    for (size_t k = 0; k < n; k++) {
        out_printf(&o, k ? ",\n{\"a\":" : "\n{\"a\":");
        out_string(&o, ids[pairs[k].a]);
        out_printf(&o, ",\"b\":");
        out_string(&o, ids[pairs[k].b]);
        out_printf(&o, ",\"contact\":\"%s\",\"length_km\":%.6f}", pairs[k].edge ? "edge" : "point", pairs[k].length_m / 1000);
    }
    out_printf(&o, "\n]\n");
    out_write(&o, path);
    free(o.p);
}

#endif
