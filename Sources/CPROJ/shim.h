#ifndef MAPCLI_CPROJ_SHIM_H
#define MAPCLI_CPROJ_SHIM_H
/* PROJ's transformation API and its geodesic routines (Karney's algorithms). */
#include <proj.h>
#include <geodesic.h>
#endif
