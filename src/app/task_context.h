// What the task functions need to reach the stages: the home (core/home.h),
// the clock the stages read, an optional metric sink, the deploy-drift check
// and the injected faults. Faults are off unless named; every task result
// produced while a fault was active says so under "faults".
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "app/faults.h"
#include "core/clock.h"
#include "core/home.h"
#include "core/metric_sink.h"

namespace ae::app {

struct TaskContext {
  core::Home home;
  core::Clock* clock = nullptr;         // required
  core::MetricSink* metrics = nullptr;  // optional
  // The check_deploy_drift action; returns the drift result object (with
  // has_drift). Unset: the action fails with DeployDriftUnavailable.
  std::function<nlohmann::json()> deploy_drift;
  Faults faults;
};

}  // namespace ae::app
