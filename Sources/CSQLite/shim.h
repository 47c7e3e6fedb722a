#ifndef BRYGGA_CSQLITE_SHIM_H
#define BRYGGA_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
