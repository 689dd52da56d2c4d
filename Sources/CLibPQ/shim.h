#ifndef MAPCLI_CLIBPQ_SHIM_H
#define MAPCLI_CLIBPQ_SHIM_H
/* PostgreSQL's client library (Debian libpq-dev): connections, queries with
   parameters, results streamed row by row (single-row mode). */
#include <libpq-fe.h>
#endif
