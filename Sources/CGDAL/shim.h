#ifndef MAPCLI_CGDAL_SHIM_H
#define MAPCLI_CGDAL_SHIM_H
/* GDAL/OGR's C API: datasets and layers (gdal.h, ogr_api.h), spatial
   references (ogr_srs_api.h), errors (cpl_error.h), the in-memory file
   system (cpl_vsi.h) and the ogr2ogr library entry point (gdal_utils.h). */
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_error.h>
#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_utils.h>
#endif
