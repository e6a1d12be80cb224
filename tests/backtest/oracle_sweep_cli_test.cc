// `ae backtest sweep --oracle`: the tuning grid over the oracle's decisions on
// a simulated market (the construction's own axes under the default
// profile), and a clear refusal on a market without a planted signal.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/test_support.h"

namespace ae::backtest {
namespace {

TEST(OracleSweep, SweepsTheConstructionGridOverTheOraclesDecisions) {
  ae::test::TempDir home;
  ASSERT_EQ(
      ae::test::run_ae("data synth --tickers 40 --years 3 --seed 7 --end 2026-04-28", home.path())
          .exit_code,
      0);
  const auto swept = ae::test::run_ae(
      "backtest sweep --oracle --from 2026-01-02 --to 2026-04-24 --trials 4 --seed 1", home.path());
  ASSERT_EQ(swept.exit_code, 0) << swept.err;
  const auto summary = nlohmann::json::parse(swept.out);
  EXPECT_EQ(summary.at("status"), "OK");
  EXPECT_EQ(summary.at("decisions"), "oracle");
  EXPECT_EQ(summary.at("combinations"), 4);
  ASSERT_TRUE(summary.contains("best")) << summary.dump();
  EXPECT_TRUE(summary["best"].contains("max_names")) << summary.dump();
  EXPECT_TRUE(summary["best_figures"].contains("active_return")) << summary.dump();
  EXPECT_TRUE(summary["best_figures"].contains("beta")) << summary.dump();

  // The same market without its planted signal's record is not a simulated one.
  std::filesystem::remove(home.path() / "market" / "synth.json");
  const auto refused = ae::test::run_ae(
      "backtest sweep --oracle --from 2026-01-02 --to 2026-04-24 --trials 4", home.path());
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("no planted signal"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace ae::backtest
