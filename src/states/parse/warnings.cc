#include "states/parse/warnings.h"

namespace ae::states {
namespace {

// A Lambda function (run locally as a command: `--lambda`) or a task that
// waits for its token can run for as long as it likes; the AWS service
// integrations (sns, ec2, ssm) answer at once or have their own timeout.
bool unbounded(const State& state) {
  return state.resource.starts_with("arn:aws:lambda:") ||
         state.resource.starts_with("arn:aws:states:::lambda:invoke") ||
         state.resource.ends_with(".waitForTaskToken");
}

void collect(const StateMachine& machine, const std::string& pointer,
             std::vector<std::string>& out) {
  for (const State& state : machine.states) {
    const std::string at = pointer + "/States/" + state.name;
    if (state.type == StateType::kTask && !state.timeout_seconds.present() && unbounded(state)) {
      out.push_back(at +
                    ": a Task without TimeoutSeconds runs until it ends (AWS: up to 99999999 "
                    "s); a command task function is stopped at the local default task timeout");
    }
    for (size_t i = 0; i < state.branches.size(); ++i)
      collect(*state.branches[i], at + "/Branches/" + std::to_string(i), out);
    if (state.processor) collect(*state.processor, at + "/ItemProcessor", out);
  }
}

}  // namespace

std::vector<std::string> definition_warnings(const StateMachine& machine) {
  std::vector<std::string> out;
  collect(machine, "", out);
  return out;
}

}  // namespace ae::states
