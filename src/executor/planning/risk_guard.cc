#include "executor/planning/risk_guard.h"

#include <fmt/format.h>

#include <cmath>

#include "executor/planning/indicators.h"

namespace ae::executor {

double drawdown_multiplier(double nav, double peak_nav, const RiskConfig& config) {
  if (peak_nav <= 0) return 1.0;
  const double dd = (nav - peak_nav) / peak_nav;
  if (dd <= -config.drawdown_circuit_breaker) return 0.0;
  constexpr std::pair<double, double> kTiers[] = {{-0.02, 1.00}, {-0.04, 0.50}, {-0.06, 0.25}};
  double multiplier = 1.0;
  for (const auto& [threshold, value] : kTiers)
    if (dd <= threshold) multiplier = value;
  return multiplier;
}

namespace {

std::optional<std::string> correlation_reason(const EntryCandidate& candidate,
                                              const Portfolio& portfolio,
                                              const PriceHistories& histories,
                                              const RiskConfig& config) {
  const auto it = histories.find(candidate.ticker);
  const auto lookback = static_cast<std::size_t>(config.correlation_lookback_days);
  if (candidate.sector.empty() || it == histories.end() || it->second.size() < lookback) {
    return std::nullopt;
  }
  const auto mine = tail_returns(it->second.close, config.correlation_lookback_days);
  double sum = 0;
  int count = 0;
  for (const auto& held : portfolio.positions) {
    if (held.sector != candidate.sector || held.ticker == candidate.ticker) continue;
    const auto other = histories.find(held.ticker);
    if (other == histories.end() || other->second.size() < lookback) continue;
    const double rho =
        pearson_tail(mine, tail_returns(other->second.close, config.correlation_lookback_days));
    if (std::isnan(rho)) continue;
    sum += rho;
    ++count;
  }
  if (count == 0) return std::nullopt;
  const double mean = sum / count;
  if (mean > config.correlation_block_threshold) {
    return fmt::format("mean {}-day correlation {:.2f} with {} same-sector holding(s) > {:.2f}",
                       config.correlation_lookback_days, mean, count,
                       config.correlation_block_threshold);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_entry(const EntryCandidate& candidate, const Portfolio& portfolio,
                                       core::MarketRegime regime, double dd_multiplier,
                                       const PriceHistories& histories, const RiskConfig& config) {
  const double nav = portfolio.nav;
  if (nav <= 0) return fmt::format("NAV {:.2f} is not positive", nav);
  const double score = candidate.score.value_or(0);
  if (score < config.min_score_to_enter)
    return fmt::format("score {:.1f} < min {:.1f}", score, config.min_score_to_enter);
  if (dd_multiplier <= 0) return std::string("drawdown circuit breaker: entries halted");
  const bool bear = regime == core::MarketRegime::kBear;
  const double cap = bear ? config.bear_max_position_pct : config.max_position_pct;
  const double position_pct = candidate.dollar_size / nav;
  if (position_pct > cap + 1e-12)
    return fmt::format("position {:.2f}% > max {:.2f}%{}", position_pct * 100, cap * 100,
                       bear ? " (bear)" : "");
  if (bear && config.bear_block_underweight &&
      candidate.sector_rating == core::SectorRating::kUnderweight) {
    return std::string("bear regime blocks underweight sector");
  }
  const double sector = (portfolio.sector_exposure(candidate.sector) + candidate.dollar_size) / nav;
  if (config.sector_caps_enabled && sector > config.max_sector_pct)
    return fmt::format("sector {} exposure {:.2f}% > max {:.2f}%", candidate.sector, sector * 100,
                       config.max_sector_pct * 100);
  const double equity = (portfolio.invested() + candidate.dollar_size) / nav;
  if (equity > config.max_equity_pct)
    return fmt::format("equity exposure {:.2f}% > max {:.2f}%", equity * 100,
                       config.max_equity_pct * 100);
  if (config.correlation_block_enabled)
    return correlation_reason(candidate, portfolio, histories, config);
  return std::nullopt;
}

}  // namespace ae::executor
