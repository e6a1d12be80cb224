// The operations services a use case wires up over a home: the alarm
// document (an explicit file, else the deployed one under
// state/deployed/alarms.json, else the one compiled into this build from
// pipelines/alarms.json), the notifier of its topics (with
// config/notifications.json), and - for the commands that run pipelines -
// the engine's sns:publish delivered through that notifier, the executions'
// metrics and an alarm evaluation after every execution.
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/home.h"
#include "core/sqlite.h"
#include "ops/alarm_definition.h"
#include "ops/notifier.h"
#include "states/resources/builtin_resources.h"

namespace ae::app {

ops::AlarmDocument load_alarm_document(const core::Home& home, const std::string& explicit_path);

std::unique_ptr<ops::Notifier> make_notifier(const core::Home& home, core::Database& database,
                                             core::Clock& clock, const ops::AlarmDocument& alarms);

// What a pipeline-running command shares across its executions. `clock` is
// the operations clock (moved forward to each execution's end before the
// alarms are evaluated).
class PipelineOperations {
 public:
  PipelineOperations(const core::Home& home, core::Clock& clock);

  // Built-in resources whose sns:publish goes to the ops notifier.
  states::BuiltinServices services() const { return services_; }
  // Records a finished execution as Step Functions' metrics would:
  // AlphaEngine/Pipelines ExecutionsSucceeded or ExecutionsFailed (FAILED,
  // TIMED_OUT, ABORTED) = 1 {StateMachine=alpha-engine-<pipeline>-pipeline}
  // at the clock's now.
  void record_execution(const std::string& pipeline, const std::string& status);
  // Moves the operations clock to `instant` (if later), evaluating every
  // alarm at each whole hour on the way and at `instant` - as CloudWatch,
  // which evaluates continuously, would have seen them (every alarm period
  // is a multiple of an hour). Transitions are printed to stderr.
  void advance_to(core::Timestamp instant);
  // Evaluates every alarm as of the clock's now.
  void evaluate_alarms();

 private:
  core::Clock& clock_;
  std::unique_ptr<core::Database> database_;
  ops::AlarmDocument alarms_;
  std::unique_ptr<ops::Notifier> notifier_;
  states::BuiltinServices services_;
};

}  // namespace ae::app
