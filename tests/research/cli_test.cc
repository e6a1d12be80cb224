// `ae research run|show` end to end on a small simulated market.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace ae::research {
namespace {

using ae::test::run_ae;

TEST(ResearchCli, RunShowSkipAndErrors) {
  ae::test::TempDir home;
  const auto synth =
      run_ae("data synth --tickers 40 --years 2 --seed 3 --end 2026-06-26", home.path());
  ASSERT_EQ(synth.exit_code, 0) << synth.err;

  const auto missing = run_ae("research show", home.path());
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("no signals at signals/latest.json"), std::string::npos)
      << missing.err;

  const auto run = run_ae("research run --date 2026-06-26", home.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("regime"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("buy candidates"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("signals/2026-06-26/signals.json"), std::string::npos) << run.out;
  EXPECT_TRUE(std::filesystem::exists(home.path() / "state" / "research.db"));

  const auto again = run_ae("research run --date 2026-06-26", home.path());
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("skipped"), std::string::npos) << again.out;

  const auto show = run_ae("research show --date 2026-06-26", home.path());
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("population"), std::string::npos) << show.out;

  const auto json = run_ae("--output json research show", home.path());
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["date"], "2026-06-26");

  const auto bad_agent =
      run_ae("research run --date 2026-06-26 --force --agent oracle=true", home.path());
  EXPECT_EQ(bad_agent.exit_code, 3);
  EXPECT_NE(bad_agent.err.find("unknown agent step 'oracle'"), std::string::npos) << bad_agent.err;

  const auto saturday = run_ae("research run --date 2026-06-27", home.path());
  EXPECT_EQ(saturday.exit_code, 3);
  EXPECT_NE(saturday.err.find("not a trading day"), std::string::npos) << saturday.err;

  const auto fallback =
      run_ae("research run --date 2026-06-26 --force --agent macro='exit 7'", home.path());
  ASSERT_EQ(fallback.exit_code, 0) << fallback.err;
  EXPECT_NE(fallback.out.find("agent fallbacks 1"), std::string::npos) << fallback.out;
}

}  // namespace
}  // namespace ae::research
