#include "predictor/veto.h"

#include <gtest/gtest.h>

#include <cmath>

#include "fixtures.h"

namespace ae::predictor {
namespace {

using core::MarketRegime;
using test::row;

TEST(VetoThreshold, RegimeAdjustmentsAndClamp) {
  EXPECT_DOUBLE_EQ(veto_threshold(0.20, MarketRegime::kNeutral, true), 0.20);
  EXPECT_NEAR(veto_threshold(0.20, MarketRegime::kBull, true), 0.30, 1e-12);
  EXPECT_NEAR(veto_threshold(0.20, MarketRegime::kBear, true), 0.0, 1e-12);
  EXPECT_DOUBLE_EQ(veto_threshold(0.10, MarketRegime::kBear, true), 0.0);   // clamped at 0
  EXPECT_DOUBLE_EQ(veto_threshold(0.75, MarketRegime::kBull, true), 0.80);  // clamped at 0.80
  EXPECT_DOUBLE_EQ(veto_threshold(0.20, std::nullopt, true), 0.20);
  EXPECT_DOUBLE_EQ(veto_threshold(0.20, MarketRegime::kBull, false), 0.20);
}

TEST(MomentumVeto, StrictlyBelowThresholdOnly) {
  EXPECT_TRUE(momentum_veto(-0.06, -0.05));
  EXPECT_FALSE(momentum_veto(-0.05, -0.05));  // exactly at the threshold: no veto
  EXPECT_FALSE(momentum_veto(0.10, -0.05));
  EXPECT_FALSE(momentum_veto(std::nullopt, -0.05));
  EXPECT_FALSE(momentum_veto(std::nan(""), -0.05));
  EXPECT_FALSE(momentum_veto(-INFINITY, -0.05));
}

TEST(RankAndVeto, RanksByAlphaDescending) {
  std::vector<core::Prediction> rows = {row("A", -0.01), row("B", 0.03), row("C", 0.0),
                                        row("D", 0.02)};
  rank_and_veto(rows, 0.2);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].ticker, "B");
  EXPECT_EQ(rows[1].ticker, "D");
  EXPECT_EQ(rows[2].ticker, "C");
  EXPECT_EQ(rows[3].ticker, "A");
  for (int i = 0; i < 4; ++i) EXPECT_EQ(rows[i].combined_rank, i + 1);
}

TEST(RankAndVeto, GbmVetoNeedsNegativeAlphaBottomHalfAndConfidence) {
  // 4 rows: bottom half = ranks 3 and 4.
  std::vector<core::Prediction> rows = {row("UP1", 0.03, 0.9), row("NEG_TOP", -0.001, 0.9),
                                        row("LOWCONF", -0.02, 0.1), row("VETO", -0.03, 0.2)};
  rows[1].predicted_alpha = 0.02;  // keep NEG_TOP in the top half but with alpha > 0
  rank_and_veto(rows, 0.2);
  std::map<std::string, bool> veto;
  for (const auto& r : rows) veto[r.ticker] = r.gbm_veto;
  EXPECT_FALSE(veto["UP1"]);
  EXPECT_FALSE(veto["NEG_TOP"]);
  EXPECT_FALSE(veto["LOWCONF"]);  // confidence 0.1 < 0.2
  EXPECT_TRUE(veto["VETO"]);      // confidence == threshold vetoes
}

TEST(RankAndVeto, NegativeAlphaInTopHalfIsNotVetoed) {
  std::vector<core::Prediction> rows = {row("A", -0.01, 0.9), row("B", -0.02, 0.9),
                                        row("C", -0.03, 0.9), row("D", -0.04, 0.9)};
  rank_and_veto(rows, 0.2);
  EXPECT_FALSE(rows[0].gbm_veto);
  EXPECT_FALSE(rows[1].gbm_veto);  // rank 2 = N/2 is not "> N/2"
  EXPECT_TRUE(rows[2].gbm_veto);
  EXPECT_TRUE(rows[3].gbm_veto);
}

TEST(RankAndVeto, CountHighConfidence) {
  std::vector<core::Prediction> rows = {row("A", 0.01, 0.19), row("B", 0.01, 0.2),
                                        row("C", 0.01, 0.5)};
  EXPECT_EQ(count_high_confidence(rows, 0.2), 2);
}

}  // namespace
}  // namespace ae::predictor
