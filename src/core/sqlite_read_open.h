// How every reader opens a SQLite file: SQLITE_OPEN_READONLY, never creating
// it and never running a PRAGMA, so a read writes nothing - and works on a
// full disk. One exception: a WAL database nobody else has open needs its
// shared-memory index (the -shm file) written before the first read; when
// that fails (an I/O error: on a full disk, disk_full.h) and the write-ahead
// log is empty or absent (so the main file holds every committed
// transaction), the file is opened again as immutable=1 (no -shm, no locks)
// and read as is. With a non-empty log the data is not all in the main file:
// IoError "disk full (...): cannot read FILE: its write-ahead log is not
// checkpointed". Other failures are IoError naming the file.
#pragma once

#include <sqlite3.h>

#include <filesystem>

namespace ae::core {

// An open handle on an existing `path` (the caller closes it); busy timeout
// set. Throws NotFound when the file does not exist.
sqlite3* open_sqlite_for_reading(const std::filesystem::path& path);

}  // namespace ae::core
