#include "states/run/failure.h"
#include "states/run/internal/execution_run.h"

namespace ae::states {

ExecutionRun::Outcome ExecutionRun::run_choice(const State& state, Json raw, Variables& variables) {
  Json effective = input_of(state, std::move(raw), variables);
  const ChoiceRule* chosen = nullptr;
  for (const auto& rule : state.choices) {
    if (rule.matches(scope(effective, variables))) {
      chosen = &rule;
      break;
    }
  }
  const std::string* next = nullptr;
  if (chosen != nullptr) {
    next = &chosen->next;
  } else if (!state.default_next.empty()) {
    next = &state.default_next;
  } else {
    throw StateFailure(errors::kNoChoiceMatched, "No Matches!");
  }
  std::optional<Json> assigned;
  if (state.assign) assigned = state.assign->evaluate(scope(effective, variables));
  if (chosen != nullptr && chosen->assign) {
    Json rule_assigned = chosen->assign->evaluate(scope(effective, variables));
    if (!assigned) assigned = Json::object();
    for (const auto& [k, v] : rule_assigned.items()) (*assigned)[k] = v;
  }
  Json output = output_of(state, std::move(effective), variables);
  if (assigned) assign(state, variables, *assigned);
  return Outcome{std::move(output), next};
}

}  // namespace ae::states
