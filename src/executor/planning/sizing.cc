#include "executor/planning/sizing.h"

#include <algorithm>
#include <cmath>

namespace ae::executor {

SizingResult compute_position_size(const SizingInput& in, const RiskConfig& c) {
  SizingResult out;
  auto& f = out.factors;
  const double base = 1.0 / std::max(in.n_enter_signals, 1);
  switch (in.sector_rating) {
    case core::SectorRating::kOverweight:
      f.sector_adj = c.sector_adj_overweight;
      break;
    case core::SectorRating::kMarketWeight:
      f.sector_adj = c.sector_adj_market_weight;
      break;
    case core::SectorRating::kUnderweight:
      f.sector_adj = c.sector_adj_underweight;
      break;
  }
  f.conviction_adj = in.conviction == core::Conviction::kDeclining ? c.conviction_decline_adj : 1;
  f.upside_adj = in.price_target_upside && *in.price_target_upside < c.min_price_target_upside
                     ? c.upside_fail_adj
                     : 1;
  f.dd_multiplier = in.dd_multiplier;
  if (c.atr_sizing_enabled && in.atr_pct && *in.atr_pct > 0)
    f.atr_adj = std::clamp(c.atr_sizing_target_risk / *in.atr_pct, 0.5, 1.5);
  if (c.confidence_sizing_enabled && in.prediction_confidence)
    f.confidence_adj = c.confidence_sizing_min +
                       c.confidence_sizing_range * std::clamp(*in.prediction_confidence, 0.0, 1.0);
  if (c.use_p_up_sizing && in.p_up) {
    const double blend = c.p_up_sizing_blend;
    f.confidence_adj =
        f.confidence_adj * (1 - blend) + (0.7 + 0.6 * std::clamp(*in.p_up, 0.0, 1.0)) * blend;
  }
  const int stale_days = std::max(0, in.signal_age_days - c.signal_cadence_days);
  f.staleness_adj = std::max(1 - c.staleness_decay_per_day * stale_days, c.staleness_floor);
  if (in.days_to_earnings && *in.days_to_earnings <= c.earnings_proximity_days)
    f.earnings_adj = 1 - c.earnings_sizing_reduction;

  const double raw = base * f.sector_adj * f.conviction_adj * f.upside_adj * f.dd_multiplier *
                     f.atr_adj * f.confidence_adj * f.staleness_adj * f.earnings_adj;
  double weight = std::min(raw, c.max_position_pct);
  if (f.atr_adj < 1) weight = std::min({weight, base * f.atr_adj * f.dd_multiplier});
  const double dollars = in.nav * weight;
  int shares = in.price > 0 ? static_cast<int>(std::floor(dollars / in.price)) : 0;
  if (dollars < c.min_position_dollar) shares = 0;
  out.shares = shares;
  out.dollar_size = std::round(dollars * 100) / 100;
  out.position_pct = std::round(weight * 10000) / 10000;
  return out;
}

}  // namespace ae::executor
