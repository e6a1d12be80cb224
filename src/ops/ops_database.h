// The operations database ($AE_HOME/state/ops.db): one SQLite file holding the
// metric datapoints, alarm states and history, the notification dedup ledger
// and the deployment records. open_ops_database() opens (creating if needed)
// and applies every migration of the ops layer, in order, exactly once.
#pragma once

#include <filesystem>
#include <memory>

#include "core/sqlite.h"

namespace ae::ops {

std::unique_ptr<core::Database> open_ops_database(const std::filesystem::path& path);
// A reader's handle (core::Database's kReadOnly: writes nothing, works on a
// full disk; a missing file reads as an empty database).
std::unique_ptr<core::Database> open_ops_database(const std::filesystem::path& path,
                                                  core::ReadOnly);

// For a writer of frequent small datapoints (the daemon's heartbeat every
// minute): commits without an fsync each (synchronous=NORMAL; WAL keeps a
// committed datum through a crash of the process, not of the machine).
void relax_durability_for_heartbeats(core::Database& database);

}  // namespace ae::ops
