// Ranking and the two vetoes (fields of the `predictions` contract):
//   combined_rank  1..N by predicted_alpha descending (ties keep ticker order);
//   gbm_veto       alpha < 0 AND rank > N/2 AND confidence >= threshold;
//   momentum_veto  momentum_20d < threshold (strictly; missing or non-finite
//                  -> no veto).
// The threshold is the base (config or the backtester's veto_confidence),
// shifted by the signals' market regime when enabled (bull +0.10, neutral 0,
// bear -0.20), clamped to [0, 0.80].
#pragma once

#include <optional>
#include <vector>

#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"

namespace ae::predictor {

double veto_threshold(double base, std::optional<core::MarketRegime> regime,
                      bool regime_adjustment);

bool momentum_veto(std::optional<double> momentum_20d, double threshold);

// Sorts `rows` by alpha descending, reassigns combined_rank and recomputes
// gbm_veto for every row against the whole set.
void rank_and_veto(std::vector<core::Prediction>& rows, double threshold);

int count_high_confidence(const std::vector<core::Prediction>& rows, double threshold);

}  // namespace ae::predictor
