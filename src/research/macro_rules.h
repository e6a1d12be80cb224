// The macro regime, by rule (replaces the reference's macro-economist
// agent). Inputs, all on the run date from the bar store:
//   SPY: price vs its 200-day average, 30-calendar-day return, drawdown from
//        its 252-day high;  VIX: last close (optional: the rule skips it);
//   breadth: share of the universe above its 200-day average.
// Points: SPY above MA200 +1 / below -1; drawdown >= warn -1, >= severe -2;
// VIX < calm +1, > stressed -1; breadth >= strong +1, <= weak -1.
// points >= bull_points -> bull, <= bear_points -> bear, else neutral.
// Hard override (the reference's guardrail, escalation only): VIX > 30 and
// SPY 30-day return < -10% -> bear, whatever the points (or an agent) said.
// Sector modifiers: 1 + sensitivity x (sector ETF return - SPY return) over
// the lookback, clamped to [0.70, 1.30] and rounded to 2 decimals (a missing
// ETF uses its constituents' mean 60-day return minus the universe's);
// ratings: >= overweight_at overweight, <= underweight_at underweight.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/contracts/signals.h"
#include "core/parameters.h"
#include "market/bar_store.h"
#include "research/indicators.h"

namespace ae::research {

struct MacroInputs {
  double spy_price = NAN;
  double spy_vs_ma200 = NAN;
  double spy_return_30d = NAN;
  double spy_drawdown = NAN;  // >= 0
  double vix = NAN;
  double breadth_above_ma200 = NAN;                            // 0..1
  std::array<double, market::kSectorCount> sector_relative{};  // decimal
};

struct SectorCall {
  double modifier = 1.0;
  core::SectorRating rating = core::SectorRating::kMarketWeight;
  std::string rationale;
};

struct MacroView {
  core::MarketRegime regime = core::MarketRegime::kNeutral;
  int points = 0;
  bool guardrail_fired = false;
  std::array<SectorCall, market::kSectorCount> sectors;
  std::string key_theme;
};

// Throws ResearchInputError if SPY has no bar on or before `date`.
MacroInputs gather_macro_inputs(const market::BarStore& store, core::Date date,
                                const std::vector<const Indicators*>& universe,
                                int sector_lookback_days);

MacroView macro_rule(const MacroInputs& inputs, const core::ParameterSet& parameters);

// Forces bear when the hard override fires; returns whether it did.
bool apply_guardrail(MacroView& view, const MacroInputs& inputs,
                     const core::ParameterSet& parameters);

core::SectorRating rating_for_modifier(double modifier, const core::ParameterSet& parameters);

// Clamp to [0.70, 1.30], round to 2 decimals.
double clamp_modifier(double modifier);

}  // namespace ae::research
