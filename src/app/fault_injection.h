// Fault injection for incident rehearsals, game days and tests (faults.h
// names the kinds), kept out of the production task handlers: decorators
// over a run's task registry and built-in services, configured from the
// faults named for the run (which the execution records in its input under
// "faults").
//   - faulted_services: notifier-down replaces sns:publish's sink with one
//     that fails as SNS would;
//   - inject_faults (after the task functions and built-in resources are
//     registered): task-fail / task-timeout fail the named states' Lambda
//     tasks before they run; fail-on asks the predictor to leave those
//     tickers unscored; omit-first / omit-always drop rows from the
//     predictions written, corrupt / missing = predictions damage them; every
//     predict result produced under a fault says so under "faults";
//     command-fail runs a failing command in the named states' sendCommand;
//   - damage_artifacts_at_start: corrupt / missing = signals, when an
//     execution starts.
#pragma once

#include "app/faults.h"
#include "app/task_context.h"
#include "states/resources/builtin_resources.h"
#include "states/resources/resources.h"

namespace ae::app {

states::BuiltinServices faulted_services(const states::BuiltinServices& services,
                                         const Faults& faults);

void inject_faults(states::ResourceRegistry& registry, const TaskContext& context);

void damage_artifacts_at_start(const TaskContext& context);

}  // namespace ae::app
