// Position sizing: equal weight over the day's ENTER signals, times the chain
// sector x conviction x upside x drawdown x ATR x confidence x staleness x
// earnings, capped at max_position_pct (and by base x atr_adj x dd when ATR
// scales down), dollars = NAV x weight, shares = floor(dollars / price), and
// entries under min_position_dollar dropped (shares 0). Pure; the backtester
// calls the same function.
#pragma once

#include <optional>

#include "core/contracts/order_book.h"
#include "core/contracts/signals.h"
#include "executor/risk_config.h"

namespace ae::executor {

struct SizingInput {
  int n_enter_signals = 1;
  core::SectorRating sector_rating = core::SectorRating::kMarketWeight;
  core::Conviction conviction = core::Conviction::kStable;
  std::optional<double> price_target_upside;
  double dd_multiplier = 1;
  std::optional<double> atr_pct;
  std::optional<double> prediction_confidence;
  std::optional<double> p_up;
  int signal_age_days = 0;
  std::optional<int> days_to_earnings;
  double nav = 0;
  double price = 0;
};

struct SizingResult {
  int shares = 0;
  double dollar_size = 0;   // rounded to cents
  double position_pct = 0;  // rounded to 4 dp
  core::SizingFactors factors;
};

SizingResult compute_position_size(const SizingInput& input, const RiskConfig& config);

}  // namespace ae::executor
