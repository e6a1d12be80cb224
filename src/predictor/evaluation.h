// Signal-quality metrics with Qlib's definitions:
// per trading day, IC = Pearson(prediction, label) and rank IC = Spearman
// over that day's cross-section; IC and rank IC are the means over the days
// where they are defined, ICIR and rank ICIR the mean divided by the standard
// deviation (ddof 1) (core/information_coefficient.h, the backtest's rule too).
// hit_rate = share of rows where sign(prediction) = sign(label);
// decile_spread = mean over days of (mean label of the top prediction decile
// - mean label of the bottom decile), over the days with at least 10 rows.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>

namespace ae::predictor {

struct SignalMetrics {
  double ic = 0, icir = 0, rank_ic = 0, rank_icir = 0, hit_rate = 0, decile_spread = 0;
  std::size_t days = 0, rows = 0;
};

// Rows must be grouped by day (day non-decreasing).
SignalMetrics evaluate(std::span<const std::int32_t> day, std::span<const double> prediction,
                       std::span<const double> label);

nlohmann::json to_json(const SignalMetrics& metrics);
SignalMetrics metrics_from_json(const nlohmann::json& document);

}  // namespace ae::predictor
