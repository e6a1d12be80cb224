// The faults a run can be asked to inject for incident rehearsals and game
// days (`--fault KIND=ARGS`, repeatable; docs/pipelines.md); fault_injection.h
// applies them. Faults are off unless named; every execution records the
// active ones in its input under "faults" (a resumed execution keeps them),
// and every predict result produced while one was active says so. The kinds:
//   omit-first=T,...     the first full predict of a run loses these rows
//                        (the 2026-04-20 incident: healed by the re-score)
//   omit-always=T,...    every predict loses these rows (a persistent gap)
//   fail-on=T,...        scoring these fails inside the predictor, every
//                        run: they get no row, so a buy candidate among them
//                        trips the predictor's write-time guard
//                        (PipelineHardFail, nothing written)
//   task-fail=STATE,...  the Lambda-style task of these states fails
//                        (States.TaskFailed)
//   task-timeout=STATE,...  ... times out (States.Timeout)
//   command-fail=STATE,...  the command step (ssm sendCommand) of these
//                        states runs a failing command instead
//   corrupt=signals|predictions,...  the artifact is overwritten with bytes
//                        that are not JSON: signals at the start of the
//                        execution, the day's predictions after each predict
//   missing=signals|predictions,...  the same artifacts are deleted instead
//   notifier-down        every sns:publish fails (SNS.InternalError)
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace ae::app {

struct Faults {
  std::set<std::string> omit_on_first_predict;
  std::set<std::string> omit_always;
  std::set<std::string> fail_on;
  std::set<std::string> failing_tasks;
  std::set<std::string> timing_out_tasks;
  std::set<std::string> failing_commands;
  std::set<std::string> corrupt_artifacts;  // "signals", "predictions"
  std::set<std::string> missing_artifacts;
  bool notifier_down = false;

  bool any() const;
  nlohmann::json to_json() const;
  // The inverse of to_json (as recorded in an execution's input); throws
  // core::InvalidInput for anything add_fault would refuse.
  static Faults from_json(const nlohmann::json& recorded);
};

// Parses one `--fault KIND=ARGS` text (see above). Tickers are upper-cased;
// state names are kept as written. Throws core::InvalidInput naming the
// known kinds for anything else.
void add_fault(Faults& faults, const std::string& text);

}  // namespace ae::app
