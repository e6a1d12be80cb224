#include "states/run/failure.h"
#include "states/run/internal/execution_run.h"

namespace ae::states {

ExecutionRun::Outcome ExecutionRun::run_parallel(const State& state, const Json& raw,
                                                 Variables& variables) {
  Json effective = input_of(state, raw, variables);
  Json branch_input = state.parameters ? state.parameters->evaluate(scope(effective, variables))
                                       : std::move(effective);
  emit("ParallelStateStarted", state.name);
  Json results = Json::array();
  for (const auto& branch : state.branches) {
    Variables inner(&variables);
    try {
      results.push_back(run_machine(*branch, branch->start_at, branch_input, inner, false));
    } catch (const StateFailure&) {
      emit("ParallelStateFailed", state.name);
      throw;
    }
  }
  emit("ParallelStateSucceeded", state.name);
  return finish(state, raw, std::move(results), variables, &state.next);
}

}  // namespace ae::states
