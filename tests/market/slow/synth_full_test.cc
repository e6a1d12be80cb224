// The default simulated market (900 tickers x 10 years, seed 42): the oracle
// IC stated in docs/simulated-market.md.
#include <gtest/gtest.h>

#include "market/synth/synthetic_market.h"

namespace ae::market::synth {
namespace {

TEST(SyntheticMarketFull, DefaultMarketOracleIcIsAboutFivePercent) {
  const TradingCalendar calendar;
  SynthOptions options;
  options.end = core::parse_date("2026-11-27");
  const SyntheticMarket market = generate_market(options, calendar);
  EXPECT_EQ(market.summary.days, 2520u);
  EXPECT_GT(market.summary.oracle.mean_ic, 0.04);
  EXPECT_LT(market.summary.oracle.mean_ic, 0.06);
  EXPECT_GT(market.summary.bars, 2000000u);
}

}  // namespace
}  // namespace ae::market::synth
