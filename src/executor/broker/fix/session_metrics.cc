#include "executor/broker/fix/session_metrics.h"

#include <spdlog/spdlog.h>

namespace ae::executor {

std::string_view metric_name(SessionProblem problem) {
  switch (problem) {
    case SessionProblem::kLogonFailure:
      return "fix_logon_failures_count";
    case SessionProblem::kDisconnect:
      return "fix_disconnects_count";
    case SessionProblem::kSessionReject:
      return "fix_session_rejects_count";
    case SessionProblem::kBusinessReject:
      return "fix_business_rejects_count";
  }
  return "fix_logon_failures_count";
}

void record_session_problem(core::MetricSink* metrics, SessionProblem problem,
                            core::Timestamp when) {
  if (metrics == nullptr) return;
  try {
    metrics->put_metric(
        {kSessionMetricNamespace, std::string(metric_name(problem)), {}, 1, "Count", when});
  } catch (const std::exception& error) {
    spdlog::error("fix: could not record {}: {}", metric_name(problem), error.what());
  }
}

}  // namespace ae::executor
