// What every action of the Step Functions API works on: the state machine
// registry, the execution history (one connection, shared under a lock by
// the actions' short reads and writes; running executions have their own),
// the task resources, the runner, the real clock (the dates of API records)
// and the clock kind executions run on.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "states/api/execution_runner.h"
#include "states/api/state_machine_registry.h"
#include "states/resources/resources.h"
#include "states/store/history_store.h"

namespace ae::states::api {

// The region the local ARNs name (states/run/arns.h).
inline constexpr const char* kLocalRegion = "local";

struct ApiContext {
  StateMachineRegistry& machines;
  HistoryStore& store;
  std::mutex& store_mutex;
  const ResourceRegistry& resources;
  ExecutionRunner& runner;
  core::Clock& clock;
  std::string clock_kind;

  template <class Function>
  auto with_store(Function&& function) {
    const std::lock_guard lock(store_mutex);
    return function(store);
  }
};

// An action: the request's JSON body in, the response's JSON body out;
// failures are ApiError.
using Action = std::function<Json(ApiContext&, const Json& body)>;
using Actions = std::map<std::string, Action>;

void add_state_machine_actions(Actions& actions);  // state_machine_actions.cc
void add_execution_actions(Actions& actions);      // execution_actions.cc
void add_task_token_actions(Actions& actions);     // task_token_actions.cc

}  // namespace ae::states::api
