#include "executor/planning/risk_guard.h"

#include <gtest/gtest.h>

#include <cmath>
#include <span>
#include <utility>

namespace ae::executor {
namespace {

TEST(DrawdownMultiplier, TiersAndBreaker) {
  RiskConfig c;
  EXPECT_DOUBLE_EQ(drawdown_multiplier(100, 0, c), 1.0);     // no peak
  EXPECT_DOUBLE_EQ(drawdown_multiplier(100, 100, c), 1.0);   // at peak
  EXPECT_DOUBLE_EQ(drawdown_multiplier(98.5, 100, c), 1.0);  // -1.5%
  EXPECT_DOUBLE_EQ(drawdown_multiplier(98, 100, c), 1.0);    // -2%: tier 1 = 1.0
  EXPECT_DOUBLE_EQ(drawdown_multiplier(96, 100, c), 0.5);    // -4%
  EXPECT_DOUBLE_EQ(drawdown_multiplier(95, 100, c), 0.5);    // -5%
  EXPECT_DOUBLE_EQ(drawdown_multiplier(94.5, 100, c), 0.5);  // -5.5%: tier 2
  c.drawdown_circuit_breaker = 0.08;
  EXPECT_DOUBLE_EQ(drawdown_multiplier(94, 100, c), 0.25);  // -6%
  EXPECT_DOUBLE_EQ(drawdown_multiplier(92, 100, c), 0.0);   // -8%: halt
  c.drawdown_circuit_breaker = 0.06;
  EXPECT_DOUBLE_EQ(drawdown_multiplier(94, 100, c), 0.0);  // -6% with the YAML breaker
}

Portfolio portfolio(double nav, std::vector<Position> positions = {}) {
  Portfolio p;
  p.nav = nav;
  p.positions = std::move(positions);
  return p;
}

EntryCandidate candidate(double dollars, std::string sector = "Technology") {
  return {"NEW", 80.0, std::move(sector), core::SectorRating::kMarketWeight, dollars};
}

const PriceHistories kNoHistory;

std::optional<std::string> check(const EntryCandidate& c, const Portfolio& p,
                                 core::MarketRegime regime = core::MarketRegime::kNeutral,
                                 double dd = 1.0, const RiskConfig& config = RiskConfig{},
                                 const PriceHistories& h = kNoHistory) {
  return check_entry(c, p, regime, dd, h, config);
}

TEST(RiskGuard, ApprovesAnOrdinaryEntry) { EXPECT_FALSE(check(candidate(40'000), portfolio(1e6))); }

TEST(RiskGuard, NonPositiveNavRejects) {
  EXPECT_NE(check(candidate(1000), portfolio(0))->find("NAV"), std::string::npos);
}

TEST(RiskGuard, MinimumScore) {
  auto c = candidate(1000);
  c.score = 29.9;
  EXPECT_NE(check(c, portfolio(1e6))->find("score"), std::string::npos);
  c.score.reset();  // missing counts as 0
  EXPECT_TRUE(check(c, portfolio(1e6)));
}

TEST(RiskGuard, DrawdownHaltBlocksEntries) {
  EXPECT_NE(check(candidate(1000), portfolio(1e6), core::MarketRegime::kNeutral, 0.0)
                ->find("circuit breaker"),
            std::string::npos);
}

TEST(RiskGuard, MaxPositionAndTheBearCap) {
  EXPECT_NE(check(candidate(50'001), portfolio(1e6))->find("position"), std::string::npos);
  EXPECT_FALSE(check(candidate(50'000), portfolio(1e6)));
  EXPECT_NE(check(candidate(30'000), portfolio(1e6), core::MarketRegime::kBear)->find("bear"),
            std::string::npos);
}

TEST(RiskGuard, BearBlocksUnderweightSectors) {
  auto c = candidate(10'000);
  c.sector_rating = core::SectorRating::kUnderweight;
  EXPECT_NE(check(c, portfolio(1e6), core::MarketRegime::kBear)->find("underweight"),
            std::string::npos);
  EXPECT_FALSE(check(c, portfolio(1e6), core::MarketRegime::kBull));
}

TEST(RiskGuard, SectorExposure) {
  auto p = portfolio(1e6, {{"A", 100, 1, 230'000, std::nullopt, "Technology", 70.0, std::nullopt}});
  EXPECT_NE(check(candidate(30'000), p)->find("sector"), std::string::npos);
  EXPECT_FALSE(check(candidate(30'000, "Energy"), p));
}

TEST(RiskGuard, TotalEquityExposure) {
  std::vector<Position> held;
  for (int i = 0; i < 9; ++i)
    held.push_back({"H" + std::to_string(i), 1, 1, 99'000, std::nullopt, "S" + std::to_string(i),
                    70.0, std::nullopt});
  EXPECT_NE(check(candidate(20'000), portfolio(1e6, held))->find("equity"), std::string::npos);
}

PriceHistory walk(std::uint64_t seed, std::span<const double> follow = {}) {
  PriceColumns h;
  double price = 100;
  for (int i = 0; i < 80; ++i) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    const double shock = (static_cast<double>(seed >> 11) / 9007199254740992.0 - 0.5) * 0.04;
    price = !follow.empty() ? follow[i] * 1.5 : price * (1 + shock);
    h.dates.push_back(core::add_days(core::parse_date("2026-01-01"), i));
    h.close.push_back(price);
  }
  return PriceHistory::own_columns(std::move(h));
}

TEST(RiskGuard, CorrelationOnlyAgainstSameSectorHoldings) {
  PriceHistories h;
  h["NEW"] = walk(1);
  h["TWIN"] = walk(0, h["NEW"].close);  // perfectly correlated
  h["OTHER"] = walk(7);
  auto held_same =
      portfolio(1e6, {{"TWIN", 10, 1, 10'000, std::nullopt, "Technology", 70.0, std::nullopt}});
  const auto reason =
      check(candidate(10'000), held_same, core::MarketRegime::kNeutral, 1.0, RiskConfig{}, h);
  ASSERT_TRUE(reason);
  EXPECT_NE(reason->find("correlation"), std::string::npos);
  // The same twin in another sector does not count (the reference compared all holdings).
  auto held_other =
      portfolio(1e6, {{"TWIN", 10, 1, 10'000, std::nullopt, "Energy", 70.0, std::nullopt}});
  EXPECT_FALSE(
      check(candidate(10'000), held_other, core::MarketRegime::kNeutral, 1.0, RiskConfig{}, h));
  // An uncorrelated same-sector holding does not block.
  auto held_uncorrelated =
      portfolio(1e6, {{"OTHER", 10, 1, 10'000, std::nullopt, "Technology", 70.0, std::nullopt}});
  EXPECT_FALSE(check(candidate(10'000), held_uncorrelated, core::MarketRegime::kNeutral, 1.0,
                     RiskConfig{}, h));
}

}  // namespace
}  // namespace ae::executor
