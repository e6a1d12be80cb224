#include "core/closest_names.h"

#include <gtest/gtest.h>

namespace ae::core {
namespace {

const std::vector<std::string> kRisk = {"max_position_pct", "max_sector_pct",
                                        "construction.max_names", "construction.min_holding_days",
                                        "risk_rules.atr_stops"};

TEST(ClosestNames, ANestedParameterGivenAtTheTopLevelIsFoundByItsLastSegment) {
  EXPECT_EQ(closest_names("max_names", kRisk), std::vector<std::string>{"construction.max_names"});
  EXPECT_EQ(closest_names("construction.atr_stops", kRisk),
            std::vector<std::string>{"risk_rules.atr_stops"});
}

TEST(ClosestNames, OnlyTheClosestMisspellingsWithinAThirdOfTheNameAreNamed) {
  EXPECT_EQ(closest_names("max_positon_pct", kRisk), std::vector<std::string>{"max_position_pct"});
  EXPECT_EQ(closest_names("max_sectr_pct", kRisk), std::vector<std::string>{"max_sector_pct"});
  EXPECT_EQ(closest_names("APPL", {"APD", "AAPL", "MSFT"}), std::vector<std::string>{"AAPL"});
  EXPECT_EQ(closest_names("aapl", {"AAPL"}), std::vector<std::string>{"AAPL"});  // case aside
  // The threshold is the last segment's: a shared prefix does not make a far name close.
  EXPECT_TRUE(closest_names("construction.atr_limits", kRisk).empty());
}

TEST(ClosestNames, NothingCloseGivesNoHint) {
  EXPECT_TRUE(closest_names("stop_loss", kRisk).empty());
  EXPECT_TRUE(closest_names("ZZZZ", {"AAPL", "MSFT"}).empty());
  EXPECT_EQ(did_you_mean("ZZZZ", {"AAPL", "MSFT"}), "");
  EXPECT_TRUE(closest_names("x", {}).empty());
}

TEST(ClosestNames, TiesAreNamedInOneSentenceAtMostThree) {
  const std::vector<std::string> known = {"AB", "AC", "AD", "AE"};
  EXPECT_EQ(closest_names("AA", known).size(), 3u);
  EXPECT_EQ(did_you_mean("AA", known), "; did you mean 'AB', 'AC' or 'AD'?");
  EXPECT_EQ(did_you_mean("AMZM", {"AMZN", "AMGN", "AMZO"}), "; did you mean 'AMZN' or 'AMZO'?");
  EXPECT_EQ(did_you_mean("max_names", kRisk), "; did you mean 'construction.max_names'?");
}

}  // namespace
}  // namespace ae::core
