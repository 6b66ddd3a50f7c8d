#ifndef NEWSMILL_SQLITE_SETTINGS_H
#define NEWSMILL_SQLITE_SETTINGS_H

/// Turns off SQLite's memory statistics (SQLITE_CONFIG_MEMSTATUS), which take one process-wide mutex
/// around every allocation and free the library makes. Only effective before SQLite initialises (the
/// first connection); returns SQLITE_OK then, SQLITE_MISUSE after.
int newsmill_sqlite_disable_memory_statistics(void);

#endif
