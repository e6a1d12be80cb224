// The reference's deterministic technical score (the scanner's floor and each name's quant score),
// 0-100, from five sub-scores: RSI (contrarian: oversold scores high), MACD
// cross state, price vs MA50, price vs MA200 and 20-day momentum.
//
// Units fix: the reference calibrated the MA and momentum pieces in percent
// but fed them decimals from its feature store, so those sub-scores collapsed
// to ~50. Indicators here are decimals and are converted to percent exactly
// once, inside this module, before the percent-calibrated formulas apply.
#pragma once

#include "core/contracts/signals.h"
#include "core/parameters.h"
#include "research/indicators.h"

namespace ae::research {

// The technical.weights.* parameters; members and defaults expand from their
// rows in research_parameter_list.def.
struct TechnicalWeights {
#define AE_TECHNICAL_WEIGHT(key, member, type, value, min, max, description) type member = value;
#include "research/research_parameter_list.def"
};

struct RsiAnchors {
  double overbought = 70;
  double oversold = 30;
  double max_score = 100;
};

struct TechnicalParams {
  TechnicalWeights weights;
  RsiAnchors rsi;
};

// The parameters for `regime` (the RSI anchors depend on it).
TechnicalParams technical_params(const core::ParameterSet& parameters, core::MarketRegime regime);

// Sub-scores, each 0-100. NaN inputs score the neutral 50.
double rsi_subscore(double rsi, const RsiAnchors& anchors);
double macd_subscore(MacdCross cross, double macd);
double ma_subscore(double pct);  // pct in percent (5 = 5%)
double momentum_subscore(double pct);

// The composite, clamped to 0-100 and rounded to 2 decimals.
double technical_score(const Indicators& indicators, const TechnicalParams& params);

}  // namespace ae::research
