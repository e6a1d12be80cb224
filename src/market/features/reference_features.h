// The reference feature set (what the reference's feature store and the
// predictor use), all in decimals (0.05, never 5 for 5%) except rsi_14, an
// oscillator on its conventional 0-100 scale, and the price-unit averages and
// MACD lines. Formulas and warm-ups: docs/features.md. Values before a
// feature's warm-up are NaN.
#pragma once

#include <string>
#include <vector>

#include "market/features/feature_matrix.h"

namespace ae::market::features {

// rsi_14, macd, macd_signal, macd_hist, sma_12, sma_26, sma_50, sma_200,
// ema_12, ema_26, ema_50, ema_200, price_vs_ma50, price_vs_ma200, momentum_5d,
// momentum_20d, momentum_60d, momentum_252d, atr_14, atr_14_pct,
// realized_vol_20d, realized_vol_60d, vol_ratio_10_60, dist_from_52w_high,
// dist_from_52w_low, volume_ratio_20, dist_from_vwap, beta_60d,
// rel_return_sector_20d.
const std::vector<std::string>& reference_feature_names();

FeatureMatrix compute_reference_features(const TickerInput& input);

}  // namespace ae::market::features
