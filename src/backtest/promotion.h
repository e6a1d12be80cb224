// Promotion of tuned executor parameters and the regression rollback, as the
// reference optimizer did it: its gates, keeping the replaced parameters for a
// rollback, and its regression monitor.
//
// Gates (evaluate_gates, pure, all evaluated so the summary shows every
// figure; the first failure refuses):
//   valid_combinations  n_valid >= min_valid_combinations (5)
//   min_trades          best's training trades >= min_trades (50)
//   sharpe_non_negative best's training Sharpe >= 0
//   improvement         (best - baseline objective) / |baseline objective|
//                       >= min_improvement (0.10); when the baseline
//                       objective is 0 the relative figure is undefined and
//                       the gate needs best - baseline >= min_improvement
//   holdout             holdout Sharpe >= holdout_ratio (0.5) x training
//                       Sharpe and holdout Sharpe > 0
//
// Store layout (keys):
//   config/executor_params.json            the tuned object the executor reads
//                                          (flat tuned aliases + metadata keys
//                                          updated_at, best_sharpe, best_alpha,
//                                          improvement_pct, n_combos_tested)
//   config/executor_params_previous.json   what it replaced (absent before the
//                                          first promotion: rollback then
//                                          removes the tuned object)
//   config/executor_params_history/{date}.json  every promoted object
//   backtest/tuning/promotion_baseline.json     the promoted parameters and
//                                          their holdout figures, the regression
//                                          check's reference
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/artifact_store.h"
#include "core/date.h"

namespace ae::backtest {

struct GateThresholds {
  std::size_t min_valid_combinations = 5;
  int min_trades = 50;
  double min_sharpe = 0;
  double min_improvement = 0.10;
  double holdout_ratio = 0.5;
  double max_sharpe_drop = 0.20;  // regression check
};

struct GateInput {
  std::size_t n_valid = 0;
  int best_trades = 0;
  double best_sharpe = 0;
  double best_objective = 0;
  double baseline_objective = 0;
  std::optional<double> holdout_sharpe;  // absent: the holdout could not run
};

struct GateResult {
  std::string name;
  bool passed = false;
  std::string detail;  // the figures, one line
};

std::vector<GateResult> evaluate_gates(const GateInput& input, const GateThresholds& thresholds);
// (best - baseline) / |baseline|, nullopt when the baseline objective is 0.
std::optional<double> improvement_of(double best_objective, double baseline_objective);

inline constexpr const char* kPreviousParametersKey = "config/executor_params_previous.json";
inline constexpr const char* kParametersHistoryPrefix = "config/executor_params_history/";
inline constexpr const char* kPromotionBaselineKey = "backtest/tuning/promotion_baseline.json";

struct Promotion {
  nlohmann::json parameters;  // flat tuned aliases, e.g. {"atr_multiplier": 3}
  double training_sharpe = 0;
  double holdout_sharpe = 0;
  double total_alpha = 0;
  std::optional<double> improvement;  // decimal
  std::size_t n_combos_tested = 0;
};

// Writes the tuned object (the old one kept as previous), its dated history
// copy and the promotion baseline. Returns the object written.
nlohmann::json promote_parameters(core::ArtifactStore& store, const Promotion& promotion,
                                  core::Date date, core::Timestamp now);

struct RegressionCheck {
  bool checked = false;  // false when there is no promotion baseline
  bool rolled_back = false;
  std::optional<double> baseline_sharpe;
  double newest_sharpe = 0;
  std::string detail;
  nlohmann::json to_json() const;
};

// Compares the newest holdout Sharpe of the promoted parameters with the one
// recorded at promotion: a drop of more than max_sharpe_drop (relative to
// |baseline|) restores config/executor_params_previous.json (or removes the
// tuned object when there is none) and clears the promotion baseline.
RegressionCheck check_regression(core::ArtifactStore& store, double newest_sharpe,
                                 const GateThresholds& thresholds, core::Date date);

}  // namespace ae::backtest
