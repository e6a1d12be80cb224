#include "states/resources/task_environment.h"

#include "core/clock.h"

namespace ae::states {

std::map<std::string, std::string> task_environment(const TaskRequest& request) {
  std::map<std::string, std::string> environment = {{"AE_IDEMPOTENCY_KEY", request.idempotency_key},
                                                    {"AE_STATE_NAME", request.state_name}};
  if (request.clock != nullptr && request.clock->is_virtual())
    environment[core::kVirtualNowVariable] = core::format_timestamp(request.clock->now());
  return environment;
}

}  // namespace ae::states
