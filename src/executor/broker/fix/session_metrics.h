// The FIX session's problems as metrics, each watched by an alarm of
// pipelines/alarms.json (docs/operations.md). One datum per event: namespace
// AlphaEngine/Broker, value 1, unit Count, at the broker's clock's now, no
// dimensions:
//   fix_logon_failures_count    start() got no Logon answer in its timeout
//   fix_disconnects_count       the session ended while nobody asked it to
//                               (a Logout from the venue, a dropped connection)
//   fix_session_rejects_count   a session-level Reject (35=3), sent or received
//   fix_business_rejects_count  a BusinessMessageReject (35=j) received
// A sink that fails is logged and never stops the session.
#pragma once

#include <string_view>

#include "core/date.h"
#include "core/metric_sink.h"

namespace ae::executor {

enum class SessionProblem { kLogonFailure, kDisconnect, kSessionReject, kBusinessReject };

inline constexpr const char* kSessionMetricNamespace = "AlphaEngine/Broker";

std::string_view metric_name(SessionProblem problem);

// Records one event of `problem` in `metrics` (nothing when it is null).
void record_session_problem(core::MetricSink* metrics, SessionProblem problem,
                            core::Timestamp when);

}  // namespace ae::executor
