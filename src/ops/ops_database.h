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

}  // namespace ae::ops
