// Writes the executor's health files (health/executor.json,
// health/executor_daemon.json, health/eod_reconcile.json; reference
// executor.md §3.18) through the health contract. A failed run keeps the
// previous last_success so staleness alarms measure from the last good run.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/artifact_store.h"
#include "core/contracts/health.h"

namespace ae::executor {

void write_health(core::ArtifactStore& store, const std::string& module, core::HealthStatus status,
                  core::Date run_date, core::Timestamp now, nlohmann::json summary,
                  std::vector<std::string> warnings, std::optional<std::string> error);

}  // namespace ae::executor
