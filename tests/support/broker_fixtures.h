// What the broker tests (paper and FIX) share: a minute price source the test
// sets by ticker, the opening minute of their trading day, and execution
// models with fixed, easily checked costs (10 bps slippage, no spread or
// impact, 1% of a bar's volume, $0.005 a share with a $1 minimum).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/market_time.h"
#include "executor/intraday/minute_prices.h"
#include "executor/risk_config.h"

namespace ae::test {

class FixedPrices final : public executor::MinutePriceSource {
 public:
  std::optional<executor::MinuteState> at(const std::string& ticker, core::Timestamp) override {
    if (auto it = states.find(ticker); it != states.end()) return it->second;
    return std::nullopt;
  }
  std::map<std::string, executor::MinuteState> states;
};

inline const core::Timestamp kBrokerTestOpen = core::parse_timestamp("2026-04-20T13:31:00Z");

inline executor::RiskConfig fixed_cost_models() {
  executor::RiskConfig c;
  c.slippage_bps = 10;
  c.impact_coefficient = 0;
  c.half_spread_bps = 0;
  c.volatility_impact = 0;
  c.max_volume_share = 0.01;
  c.commission_per_share = 0.005;
  c.commission_minimum = 1.0;
  return c;
}

}  // namespace ae::test
