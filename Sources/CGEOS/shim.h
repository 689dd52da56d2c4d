#ifndef MAPCLI_CGEOS_SHIM_H
#define MAPCLI_CGEOS_SHIM_H
/* Only the reentrant (_r) GEOS API is visible to Swift: every call takes an
   explicit context handle, so no global GEOS state is ever touched. */
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#endif
