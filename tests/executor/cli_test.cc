// `ae plan|trade|eod` end to end through the binary: the metrics land in the
// ops metric store where `ae alarms` evaluates them (the coverage metric on
// every plan, 0 included; one heartbeat per market minute), and the ledger
// keeps no metrics of its own.
#include <gtest/gtest.h>

#include "core/sqlite.h"
#include "executor_fixture.h"

namespace ae::executor::testing {
namespace {

// The world's market through `ae data synth` (same options), and the day's
// upstream health.
void synthesize(World& w) {
  const auto synth =
      test::run_ae("data synth --tickers 20 --years 2 --seed 11 --end 2025-06-06", w.home.path());
  ASSERT_EQ(synth.exit_code, 0) << synth.err;
  w.write_upstream_health(ny(trading_day(), 7, 0));
}

TEST(ExecutorCli, PlanTradeEodPutTheirMetricsInTheOpsStore) {
  World w;  // its home is AE_HOME; its market is built with the same options
  const auto home = w.home.path();
  ASSERT_NO_FATAL_FAILURE(synthesize(w));
  w.write_inputs(trading_day());

  for (const auto* command : {"plan", "trade", "eod"}) {
    const auto run =
        test::run_ae(std::string(command) + " --clock virtual --date 2025-06-04", home);
    ASSERT_EQ(run.exit_code, 0) << command << ": " << run.err;
  }
  const std::string day = " --period 86400 --from 2025-06-04T00:00:00Z --to 2025-06-05T00:00:00Z";
  const auto coverage = test::run_ae(
      "metrics get AlphaEngine/Predictor unscored_buy_candidates_count --stat Maximum" + day, home);
  EXPECT_EQ(coverage.out, "2025-06-04T00:00:00Z\t0\t1\n") << coverage.err;
  const auto heartbeat = test::run_ae(
      "metrics get AlphaEngine Heartbeat --dimensions Process=executor-daemon --stat SampleCount" +
          day,
      home);
  EXPECT_EQ(heartbeat.out, "2025-06-04T00:00:00Z\t390\t390\n") << heartbeat.err;

  core::Database ledger(home / "state" / "executor" / "ledger.db");
  auto tables = ledger.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'metrics'");
  tables.step();
  EXPECT_EQ(tables.column_int(0), 0);
}

TEST(ExecutorCli, CoverageGapFailsThePlanAndStillRecordsTheMetric) {
  World w;
  const auto home = w.home.path();
  ASSERT_NO_FATAL_FAILURE(synthesize(w));
  w.write_inputs(trading_day(), {w.candidates[0], w.candidates[2]});
  const auto plan = test::run_ae("plan --clock virtual --date 2025-06-04", home);
  EXPECT_EQ(plan.exit_code, 3);
  EXPECT_NE(plan.err.find("error: "), std::string::npos) << plan.err;
  EXPECT_NE(plan.err.find(w.candidates[0]), std::string::npos) << plan.err;
  EXPECT_FALSE(std::filesystem::exists(home / "state" / "executor" / "order_book.json"));
  const auto coverage = test::run_ae(
      "metrics get AlphaEngine/Predictor unscored_buy_candidates_count --stat Maximum --period "
      "86400 --from 2025-06-04T00:00:00Z --to 2025-06-05T00:00:00Z",
      home);
  EXPECT_EQ(coverage.out, "2025-06-04T00:00:00Z\t2\t1\n") << coverage.err;
}

// One clock rule: without --clock the executor acts on the real clock (the
// inputs of 2025 are then far too old for the upstream health gate); --clock
// virtual or AE_CLOCK=virtual simulates the date and says so first.
TEST(ExecutorCli, WithoutAClockOptionTheRealClockRulesAndSimulationsSaySo) {
  World w;
  const auto home = w.home.path();
  ASSERT_NO_FATAL_FAILURE(synthesize(w));
  w.write_inputs(trading_day());

  const auto real = test::run_ae("plan --date 2025-06-04", home);
  EXPECT_EQ(real.exit_code, 3) << real.out;
  EXPECT_NE(real.err.find("upstream health gate"), std::string::npos) << real.err;
  EXPECT_EQ(real.err.find("virtual clock"), std::string::npos) << real.err;

  ::setenv("AE_CLOCK", "virtual", 1);
  const auto simulated = test::run_ae("plan --date 2025-06-04", home);
  ::unsetenv("AE_CLOCK");
  ASSERT_EQ(simulated.exit_code, 0) << simulated.err;
  EXPECT_EQ(simulated.err.rfind("virtual clock: simulated time from 2025-06-04T12:00:00Z", 0), 0u)
      << simulated.err;

  const auto explicit_real = test::run_ae("plan --clock real --date 2025-06-04", home);
  EXPECT_EQ(explicit_real.exit_code, 3);

  ::setenv("AE_CLOCK", "sundial", 1);
  const auto bogus = test::run_ae("plan --date 2025-06-04", home);
  ::unsetenv("AE_CLOCK");
  EXPECT_EQ(bogus.exit_code, 3);
  EXPECT_NE(bogus.err.find("AE_CLOCK='sundial': expected real or virtual"), std::string::npos)
      << bogus.err;
}

}  // namespace
}  // namespace ae::executor::testing
