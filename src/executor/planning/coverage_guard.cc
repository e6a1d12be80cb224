#include "executor/planning/coverage_guard.h"

#include <spdlog/spdlog.h>

#include "executor/errors.h"

namespace ae::executor {

void assert_predictions_cover_buy_candidates(const core::Signals& signals,
                                             const std::optional<core::Predictions>& predictions,
                                             core::MetricSink& metrics, core::Timestamp now) {
  enforce_coverage(core::compute_coverage(signals.date, signals, predictions), metrics, now);
}

void enforce_coverage(const core::CoverageResult& coverage, core::MetricSink& metrics,
                      core::Timestamp now) {
  core::MetricDatum datum;
  datum.name_space = kCoverageMetricNamespace;
  datum.name = kCoverageMetricName;
  datum.value = static_cast<double>(coverage.missing_count);
  datum.unit = "Count";
  datum.timestamp = now;
  try {
    metrics.put_metric(datum);
  } catch (const std::exception& error) {
    spdlog::error("coverage guard: could not record {}: {}", kCoverageMetricName, error.what());
  }
  if (coverage.has_gap) {
    throw UnscoredBuyCandidatesError(coverage.missing_tickers, coverage.n_buy_candidates,
                                     coverage.n_predictions);
  }
  spdlog::info("coverage guard: all {} buy candidates have predictions", coverage.n_buy_candidates);
}

}  // namespace ae::executor
