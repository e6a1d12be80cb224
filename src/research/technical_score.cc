#include "research/technical_score.h"

#include <algorithm>
#include <cmath>

#include "research/parameter_tables.h"

namespace ae::research {
namespace {

std::string regime_key(core::MarketRegime regime) {
  switch (regime) {
    case core::MarketRegime::kBull:
      return "bull";
    case core::MarketRegime::kBear:
      return "bear";
    case core::MarketRegime::kNeutral:
      break;
  }
  return "neutral";
}

double round2(double x) { return std::round(x * 100.0) / 100.0; }

}  // namespace

TechnicalParams technical_params(const core::ParameterSet& p, core::MarketRegime regime) {
  TechnicalParams out;
  out.weights = core::bound_config<TechnicalWeights>(p, technical_weight_table());
  const std::string key = regime_key(regime);
  out.rsi = {p.get_double("technical.rsi.overbought"),
             p.get_double("technical.rsi.oversold." + key),
             p.get_double("technical.rsi.max_score." + key)};
  return out;
}

double rsi_subscore(double rsi, const RsiAnchors& a) {
  if (std::isnan(rsi)) return 50;
  if (rsi >= a.overbought) return 0;
  if (rsi <= a.oversold) return a.max_score;
  return a.max_score * (a.overbought - rsi) / (a.overbought - a.oversold);
}

double macd_subscore(MacdCross cross, double macd) {
  if (std::isnan(macd)) return 50;
  const bool above = macd > 0;
  switch (cross) {
    case MacdCross::kBullish:
      return above ? 100 : 70;
    case MacdCross::kBearish:
      return above ? 30 : 0;
    case MacdCross::kNone:
      break;
  }
  return above ? 60 : 40;
}

double ma_subscore(double p) {
  if (std::isnan(p)) return 50;
  if (p >= 5) return std::min(100.0, 80 + (p - 5) * (20.0 / 15.0));
  if (p >= 0) return 50 + 6 * p;
  if (p > -5) return 50 + 4 * p;
  return std::max(0.0, 30 - (std::abs(p) - 5) * 1.5);
}

double momentum_subscore(double p) {
  if (std::isnan(p)) return 50;
  return std::clamp(50 + 3 * p, 0.0, 100.0);
}

double technical_score(const Indicators& x, const TechnicalParams& params) {
  const auto& w = params.weights;
  const double score =
      w.rsi * rsi_subscore(x.rsi_14, params.rsi) + w.macd * macd_subscore(x.macd_cross, x.macd) +
      w.ma50 * ma_subscore(x.price_vs_ma50 * 100) + w.ma200 * ma_subscore(x.price_vs_ma200 * 100) +
      w.momentum * momentum_subscore(x.momentum_20d * 100);
  return round2(std::clamp(score, 0.0, 100.0));
}

}  // namespace ae::research
