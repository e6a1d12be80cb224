// The coverage read-time guard (the executor half of the 2026-04-20 fix; the
// predictor's write-time guard is the other). Before any sizing, every buy
// candidate of the day's signals must have a prediction row (tickers compared
// upper-cased, by core::compute_coverage). The guard ALWAYS emits the metric
// AlphaEngine/Predictor unscored_buy_candidates_count (value = number missing,
// 0 included, unit Count) and only then throws UnscoredBuyCandidatesError
// naming the missing tickers and counts. A failing metric sink is logged and
// neither blocks a pass nor masks a gap. `predictions` empty means the file is
// missing: every buy candidate is then unscored. enforce_coverage is the
// guard on a coverage already computed (a backtest computes it once for the
// days that share a research run's signals and predictions).
#pragma once

#include <optional>

#include "core/contracts/coverage.h"
#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"
#include "core/metric_sink.h"

namespace ae::executor {

inline constexpr const char* kCoverageMetricNamespace = "AlphaEngine/Predictor";
inline constexpr const char* kCoverageMetricName = "unscored_buy_candidates_count";

void assert_predictions_cover_buy_candidates(const core::Signals& signals,
                                             const std::optional<core::Predictions>& predictions,
                                             core::MetricSink& metrics, core::Timestamp now);

void enforce_coverage(const core::CoverageResult& coverage, core::MetricSink& metrics,
                      core::Timestamp now);

}  // namespace ae::executor
