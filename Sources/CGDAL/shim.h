#ifndef MAPCLI_CGDAL_SHIM_H
#define MAPCLI_CGDAL_SHIM_H
/* GDAL/OGR's C API: datasets and layers (gdal.h, ogr_api.h), spatial
   references (ogr_srs_api.h), errors (cpl_error.h), the in-memory file
   system (cpl_vsi.h), HTTP (cpl_http.h: only to refuse it) and the ogr2ogr
   library entry point (gdal_utils.h). */
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_error.h>
#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <cpl_http.h>
#include <gdal_utils.h>

/* mapcli reaches no network (README, "What mapcli reads, writes and reaches"):
   installed with CPLHTTPSetFetchCallback, this answers every CPLHTTPFetch
   (the GeoJSON, WFS, OAPIF, ESRIJSON… drivers opening a URL, a VRT pointing at
   one) with a failure, and no request is made. The URL is not repeated: it may
   carry credentials. GDAL frees the result (CPLHTTPDestroyResult). */
static inline CPLHTTPResult *mapcli_refuse_http(const char *url, CSLConstList options, GDALProgressFunc progress,
                                                 void *progressArg, CPLHTTPFetchWriteFunc write, void *writeArg,
                                                 void *userData) {
    (void)url; (void)options; (void)progress; (void)progressArg; (void)write; (void)writeArg; (void)userData;
    CPLHTTPResult *result = (CPLHTTPResult *)CPLCalloc(1, sizeof(CPLHTTPResult));
    result->nStatus = 1;
    result->pszErrBuf = CPLStrdup("mapcli reaches no network: the data point at a URL");
    CPLError(CE_Failure, CPLE_AppDefined, "mapcli reaches no network: the data point at a URL; download it and give the local file");
    return result;
}
#endif
