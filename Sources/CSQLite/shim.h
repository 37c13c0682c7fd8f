#ifndef KG_CSQLITE_SHIM_H
#define KG_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro over a cast function pointer that Swift cannot import.
static inline sqlite3_destructor_type kg_sqlite_transient(void) { return SQLITE_TRANSIENT; }
#endif
