// What a process started by a task sees besides the engine's environment:
// AE_IDEMPOTENCY_KEY, AE_STATE_NAME and, on a virtual clock, the run's "now"
// (core::kVirtualNowVariable) so the command runs on the same timeline.
#pragma once

#include <map>
#include <string>

#include "states/resources/resources.h"

namespace ae::states {

std::map<std::string, std::string> task_environment(const TaskRequest& request);

}  // namespace ae::states
