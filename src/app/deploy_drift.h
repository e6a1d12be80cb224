// The check_deploy_drift action in-process: the ops drift check (fail closed,
// ops/drift.h) comparing the latest `ae deploy` record under
// $AE_HOME/state with the definitions and alarms compiled into this binary
// and its git sha. A home that was never deployed reports drift.
#pragma once

#include <nlohmann/json.hpp>

#include "app/task_context.h"

namespace ae::app {

nlohmann::json check_deploy_drift(const TaskContext& context);

// The result the action returns when the operator skipped the check.
nlohmann::json skipped_deploy_drift();

}  // namespace ae::app
