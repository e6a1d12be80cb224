// What the task functions need to reach the stages: the home directory (bar
// store under market/, artifact store under store/, databases under state/),
// the clock the stages read, an optional metric sink, the deploy-drift check
// and the injected faults. Faults are off unless named; every task result
// produced while a fault was active says so under "faults".
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "core/clock.h"
#include "core/metric_sink.h"
#include "tasks/faults.h"

namespace ae::tasks {

struct TaskContext {
  std::filesystem::path home;
  core::Clock* clock = nullptr;         // required
  core::MetricSink* metrics = nullptr;  // optional
  // The check_deploy_drift action; returns the drift result object (with
  // has_drift). Unset: the action fails with DeployDriftUnavailable.
  std::function<nlohmann::json()> deploy_drift;
  Faults faults;

  std::filesystem::path store_root() const { return home / "store"; }
  std::filesystem::path state_root() const { return home / "state"; }
  std::filesystem::path market_root() const { return home / "market"; }
};

}  // namespace ae::tasks
