// One history event as GetExecutionHistory returns it: {"id", "previousEventId"
// (the event before it; none for the first), "timestamp" (epoch seconds),
// "type", "<type>EventDetails"}, the details named and shaped as AWS names
// them: executionStarted/Succeeded/Failed/Aborted/TimedOut, stateEntered /
// stateExited (every "<Type>StateEntered/Exited"), taskScheduled / Started /
// Succeeded / Failed / TimedOut (resourceType and resource split from the
// Task's Resource as AWS does: "arn:aws:states:::lambda:invoke" is lambda /
// invoke, a Lambda function ARN is lambda / the ARN), mapStateStarted
// (length), mapIterationStarted / Succeeded / Failed (name, index). Without
// `include_data` the input and output members are left out. Events of this
// engine that AWS does not have (ExecutionResumed, ExecutionInterrupted) and
// those without details (ParallelStateStarted, ...) keep their type and carry
// no details.
#pragma once

#include <string>

#include "states/store/history.h"

namespace ae::states::api {

Json aws_history_event(const HistoryEvent& event, const std::string& region, bool include_data);

// AWS's timestamps in the JSON protocol: seconds since the epoch.
double epoch_seconds(core::Timestamp instant);
// The same for a time as stored ("2026-04-20T13:30:00.123Z"); 0 if malformed.
double epoch_seconds(const std::string& aws_time);

}  // namespace ae::states::api
