#include "executor/planning/sizing.h"

#include <gtest/gtest.h>

namespace ae::executor {
namespace {

SizingInput base_input() {
  SizingInput in;
  in.n_enter_signals = 10;  // base 0.10, capped at 5%
  in.nav = 1'000'000;
  in.price = 100;
  return in;
}

// With n = 40 the base weight (2.5%) is below the cap, so factors show.
SizingInput uncapped() {
  auto in = base_input();
  in.n_enter_signals = 40;
  return in;
}

RiskConfig plain() {
  RiskConfig c;
  c.confidence_sizing_enabled = false;
  c.atr_sizing_enabled = false;
  return c;
}

TEST(Sizing, EqualWeightCappedAtMaxPosition) {
  const auto r = compute_position_size(base_input(), plain());
  EXPECT_DOUBLE_EQ(r.position_pct, 0.05);
  EXPECT_DOUBLE_EQ(r.dollar_size, 50'000);
  EXPECT_EQ(r.shares, 500);
}

TEST(Sizing, SectorFactors) {
  auto in = uncapped();
  in.sector_rating = core::SectorRating::kOverweight;
  EXPECT_DOUBLE_EQ(compute_position_size(in, plain()).factors.sector_adj, 1.05);
  in.sector_rating = core::SectorRating::kUnderweight;
  const auto r = compute_position_size(in, plain());
  EXPECT_DOUBLE_EQ(r.factors.sector_adj, 0.85);
  EXPECT_DOUBLE_EQ(r.position_pct, std::round(0.025 * 0.85 * 10000) / 10000);
}

TEST(Sizing, ConvictionAndUpsideFactors) {
  auto in = uncapped();
  in.conviction = core::Conviction::kDeclining;
  in.price_target_upside = 0.05;  // < 0.08
  const auto r = compute_position_size(in, plain());
  EXPECT_DOUBLE_EQ(r.factors.conviction_adj, 0.70);
  EXPECT_DOUBLE_EQ(r.factors.upside_adj, 0.70);
  in.price_target_upside = 0.10;
  in.conviction = core::Conviction::kRising;
  const auto ok = compute_position_size(in, plain());
  EXPECT_DOUBLE_EQ(ok.factors.conviction_adj, 1);
  EXPECT_DOUBLE_EQ(ok.factors.upside_adj, 1);
}

TEST(Sizing, AtrFactorClampedAndCapsTheWeight) {
  RiskConfig c = plain();
  c.atr_sizing_enabled = true;
  auto in = uncapped();
  in.atr_pct = 0.04;  // 0.02 / 0.04 = 0.5
  auto r = compute_position_size(in, c);
  EXPECT_DOUBLE_EQ(r.factors.atr_adj, 0.5);
  EXPECT_DOUBLE_EQ(r.position_pct, 0.0125);
  in.atr_pct = 0.001;  // 20 -> clamped 1.5
  EXPECT_DOUBLE_EQ(compute_position_size(in, c).factors.atr_adj, 1.5);
  in.atr_pct = 0.10;  // 0.2 -> clamped 0.5
  EXPECT_DOUBLE_EQ(compute_position_size(in, c).factors.atr_adj, 0.5);
}

TEST(Sizing, ConfidenceAndPUpBlend) {
  RiskConfig c = plain();
  c.confidence_sizing_enabled = true;
  auto in = uncapped();
  in.prediction_confidence = 0.5;
  EXPECT_DOUBLE_EQ(compute_position_size(in, c).factors.confidence_adj, 0.70 + 0.60 * 0.5);
  c.use_p_up_sizing = true;
  in.p_up = 1.0;
  EXPECT_DOUBLE_EQ(compute_position_size(in, c).factors.confidence_adj,
                   1.0 * 0.7 + (0.7 + 0.6) * 0.3);
}

TEST(Sizing, StalenessDecaysPastTheCadenceToAFloor) {
  auto in = uncapped();
  in.signal_age_days = 7;
  EXPECT_DOUBLE_EQ(compute_position_size(in, plain()).factors.staleness_adj, 1);
  in.signal_age_days = 10;
  EXPECT_DOUBLE_EQ(compute_position_size(in, plain()).factors.staleness_adj, 1 - 0.03 * 3);
  in.signal_age_days = 40;
  EXPECT_DOUBLE_EQ(compute_position_size(in, plain()).factors.staleness_adj, 0.70);
}

TEST(Sizing, EarningsProximityHalvesTheSize) {
  auto in = uncapped();
  in.days_to_earnings = 5;
  EXPECT_DOUBLE_EQ(compute_position_size(in, plain()).factors.earnings_adj, 0.5);
  in.days_to_earnings = 6;
  EXPECT_DOUBLE_EQ(compute_position_size(in, plain()).factors.earnings_adj, 1);
}

TEST(Sizing, DrawdownMultiplierScalesTheChain) {
  auto in = uncapped();
  in.dd_multiplier = 0.5;
  EXPECT_DOUBLE_EQ(compute_position_size(in, plain()).position_pct, 0.0125);
}

TEST(Sizing, EntriesUnder500DollarsAreDropped) {
  auto in = uncapped();
  in.nav = 15'000;  // 2.5% = 375
  const auto r = compute_position_size(in, plain());
  EXPECT_EQ(r.shares, 0);
  EXPECT_DOUBLE_EQ(r.dollar_size, 375);
}

TEST(Sizing, NonPositivePriceGivesZeroShares) {
  auto in = base_input();
  in.price = 0;
  EXPECT_EQ(compute_position_size(in, plain()).shares, 0);
}

}  // namespace
}  // namespace ae::executor
