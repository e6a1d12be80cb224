// The risk guard, pure. drawdown_multiplier walks the tiers (-2%/-4%/-6% ->
// 1/0.5/0.25) and returns 0 (halt) at the circuit breaker; peak <= 0 gives 1.
// check_entry applies, in order: NAV > 0, minimum score, drawdown halt, max
// position (bear: the bear cap), bear blocks underweight sectors, sector
// exposure (with risk_rules.sector_caps), total equity, and the mean 60-day return correlation
// against holdings IN THE SAME SECTOR as the candidate (the reference compared against all
// holdings). The first failure is the returned reason; nullopt approves. Exits never go through the
// guard.
#pragma once

#include <optional>
#include <string>

#include "core/contracts/signals.h"
#include "executor/portfolio.h"
#include "executor/risk_config.h"

namespace ae::executor {

double drawdown_multiplier(double nav, double peak_nav, const RiskConfig& config);

struct EntryCandidate {
  std::string ticker;
  std::optional<double> score;
  std::string sector;  // canonical
  core::SectorRating sector_rating = core::SectorRating::kMarketWeight;
  double dollar_size = 0;
};

std::optional<std::string> check_entry(const EntryCandidate& candidate, const Portfolio& portfolio,
                                       core::MarketRegime regime, double dd_multiplier,
                                       const PriceHistories& histories, const RiskConfig& config);

}  // namespace ae::executor
