#include "SQLiteSettings.h"
#include <sqlite3.h>

int newsmill_sqlite_disable_memory_statistics(void) {
    // sqlite3_config is variadic, which Swift cannot call: hence this one C function.
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
