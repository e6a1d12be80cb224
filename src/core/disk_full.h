// One wording for "there is no room to write": a write that fails with
// ENOSPC (the file system is full), EDQUOT (the user's quota is) or EFBIG (a
// file size limit, e.g. RLIMIT_FSIZE) - or SQLite's SQLITE_FULL - says
// "disk full" and names the file it could not write, in the atomic file
// writer (atomic_file.h) and the database layer (sqlite.h). Readers never
// write, so they keep working on a full disk (sqlite_read_open.h).
#pragma once

#include <string>

namespace ae::core {

// True for ENOSPC, EDQUOT and EFBIG.
bool is_out_of_space(int error_number);

// "disk full (No space left on device)": the words every such error carries.
std::string disk_full_text(int error_number);

}  // namespace ae::core
