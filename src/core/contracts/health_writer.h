// Writes a module's health/<module>.json (the health contract, validated on
// write) at the end of its run. Ok and degraded runs set last_success to
// `now`; a failed run keeps the previous file's last_success (null if there
// is none or it is unreadable), so staleness is measured from the last good
// run. The error and the warnings are free text that may quote outside input
// (a parse error shows the bytes it choked on): invalid UTF-8 in them is
// replaced (core::to_valid_utf8), so a failure is always recorded. Every
// module (data, research, predictor, executor) writes through this.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/artifact_store.h"
#include "core/contracts/health.h"

namespace ae::core {

void write_health(ArtifactStore& store, const std::string& module, HealthStatus status,
                  Date run_date, Timestamp now, nlohmann::json summary,
                  std::vector<std::string> warnings = {},
                  std::optional<std::string> error = std::nullopt);

}  // namespace ae::core
