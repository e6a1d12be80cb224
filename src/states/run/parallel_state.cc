#include <algorithm>

#include "states/run/failure.h"
#include "states/run/internal/execution_run.h"

namespace ae::states {

// Every branch starts at once, on the same input; the first to fail cancels
// the others and is the state's failure.
ExecutionRun::Outcome ExecutionRun::run_parallel(const State& state, const Json& raw,
                                                 Variables& variables, long long entry_id) {
  Json effective = input_of(state, raw, variables);
  Json branch_input = state.parameters ? state.parameters->evaluate(scope(effective, variables))
                                       : std::move(effective);
  emit("ParallelStateStarted", state.name);
  Iterations plan;
  plan.count = state.branches.size();
  plan.lanes = std::any_of(state.branches.begin(), state.branches.end(),
                           [](const auto& branch) { return may_wait(*branch); })
                   ? plan.count
                   : 1;
  plan.machine = [&](size_t i) -> const StateMachine& { return *state.branches[i]; };
  plan.input = [&](size_t) { return branch_input; };
  plan.stops = [](size_t, const StateFailure&) { return true; };
  IterationResults done = run_iterations(state, entry_id, variables, plan);
  if (done.stopped_by) {
    throw *done.stopped_by;
  }
  Json results = Json::array();
  results.get_ref<Json::array_t&>() = std::move(done.outputs);
  emit("ParallelStateSucceeded", state.name);
  return finish(state, raw, std::move(results), variables, &state.next);
}

}  // namespace ae::states
