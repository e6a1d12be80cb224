// `ae backtest` end to end on a small simulated market: the replay writes its
// report and `report` prints it; tune --freeze decides and writes no
// parameters; the pipeline's default span on a young market is SKIPPED;
// bad spans and missing data are one-line errors with exit 1.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace ae {
namespace {

using test::run_ae;

class BacktestCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    home_ = new test::TempDir();
    const auto synth =
        run_ae("data synth --tickers 30 --years 3 --seed 3 --end 2026-04-30", home_->path());
    ASSERT_EQ(synth.exit_code, 0) << synth.err;
    std::filesystem::create_directories(home_->path() / "config");
    std::ofstream(home_->path() / "config" / "predictor.yaml")
        << "training:\n  max_rounds: 30\n  early_stopping_rounds: 10\n  min_train_days: 252\n"
           "xgboost:\n  max_depth: 3\n";
  }
  static void TearDownTestSuite() {
    delete home_;
    home_ = nullptr;
  }
  static const std::filesystem::path& home() { return home_->path(); }
  static test::TempDir* home_;
};
test::TempDir* BacktestCli::home_ = nullptr;

TEST_F(BacktestCli, RunWritesTheReportAndReportPrintsIt) {
  const auto run = run_ae(
      "--log-level warn backtest run --from 2026-02-02 --to 2026-03-31 --retrain-every 63", home());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("total return"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("oracle (knows the planted signal)"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("replay"), std::string::npos) << "no progress shown";
  for (const char* file : {"report.md", "metrics.json", "nav_vs_spy.svg", "drawdown.svg"})
    EXPECT_TRUE(std::filesystem::exists(home() / "store" / "backtest" / "2026-03-31" / file))
        << file;
  // The weekly alarm's heartbeat: AlphaEngine Heartbeat {Process=backtester}.
  const auto metrics = run_ae("metrics list", home());
  EXPECT_NE(metrics.out.find("Process=backtester"), std::string::npos) << metrics.out;
  const auto report = run_ae("backtest report", home());
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_EQ(report.out.rfind("# Backtest report", 0), 0u) << report.out.substr(0, 200);
}

TEST_F(BacktestCli, TuneFreezeDecidesButWritesNothing) {
  const auto tune = run_ae(
      "--log-level warn backtest tune --from 2026-02-02 --to 2026-03-31 --retrain-every 63 "
      "--trials 6 --freeze",
      home());
  ASSERT_EQ(tune.exit_code, 0) << tune.err;
  const auto decision = nlohmann::json::parse(tune.out);
  EXPECT_EQ(decision.at("status"), "OK");
  EXPECT_EQ(decision.at("frozen"), true);
  EXPECT_FALSE(std::filesystem::exists(home() / "store" / "config" / "executor_params.json"));
  EXPECT_TRUE(
      std::filesystem::exists(home() / "store" / "backtest" / "2026-03-31" / "tuning.json"));
}

TEST_F(BacktestCli, ALongerSpanResumesTheSavedBooksAndReportsAsAFreshRunWould) {
  const std::string span = "--from 2026-02-02 --retrain-every 63 ";
  const auto run = [&](const std::filesystem::path& at, const std::string& to) {
    const auto result = run_ae("--log-level warn backtest run " + span + "--to " + to, at);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result;
  };
  // debug: the sweep's "books resume after" line (info lines are held back during a span).
  const auto tune = [&](const std::filesystem::path& at, const std::string& to) {
    const auto result = run_ae(
        "--log-level debug backtest tune " + span + "--to " + to + " --trials 6 --freeze", at);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result;
  };
  const auto figures = [&](const std::filesystem::path& at) {
    auto metrics = nlohmann::json::parse(
        test::file_text(at / "store" / "backtest" / "2026-03-31" / "metrics.json"));
    metrics.erase("parameters");  // names the workspace
    return metrics;
  };
  const auto decision = [](const test::CommandResult& result) {
    return nlohmann::json::parse(result.out);
  };
  const auto resumed = [](const std::string& text) {  // backtest run's time line
    return text.find("days resumed") != std::string::npos;
  };
  const auto tune_resumed = [](const std::string& text) {  // the tuning sweep's log
    return text.find("books resume after") != std::string::npos;
  };

  // A week, then the span a week longer: the second resumes the first's books.
  test::TempDir weekly;
  std::filesystem::copy(home(), weekly.path(), std::filesystem::copy_options::recursive);
  std::filesystem::remove_all(weekly.path() / "state" / "backtest");
  EXPECT_FALSE(resumed(run(weekly.path(), "2026-03-20").out));
  const auto longer = run(weekly.path(), "2026-03-31");
  EXPECT_TRUE(resumed(longer.out)) << longer.out;
  EXPECT_FALSE(tune_resumed(tune(weekly.path(), "2026-03-20").err));
  const auto longer_tune = tune(weekly.path(), "2026-03-31");
  EXPECT_TRUE(tune_resumed(longer_tune.err));

  // The longer span in one go, without checkpoints: the same figures and decision.
  test::TempDir once;
  std::filesystem::copy(home(), once.path(), std::filesystem::copy_options::recursive);
  std::filesystem::remove_all(once.path() / "state" / "backtest");
  EXPECT_FALSE(resumed(run(once.path(), "2026-03-31").out));
  const auto once_tune = tune(once.path(), "2026-03-31");
  EXPECT_FALSE(tune_resumed(once_tune.err));
  EXPECT_EQ(figures(weekly.path()), figures(once.path()));
  EXPECT_EQ(decision(longer_tune), decision(once_tune));
}

TEST_F(BacktestCli, ThePipelinesDefaultSpanOnAYoungMarketIsSkipped) {
  // 3 years of data: the default span starts 2025-01-02 with too little before it
  // for the default predictor history (the test's config lowers it, so use a fresh home).
  test::TempDir young;
  ASSERT_EQ(
      run_ae("data synth --tickers 20 --years 2 --seed 3 --end 2026-04-30", young.path()).exit_code,
      0);
  for (const char* step : {"run", "tune"}) {
    const auto result = run_ae(std::string("backtest ") + step + " --to 2026-04-25", young.path());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto out = nlohmann::json::parse(result.out);
    EXPECT_EQ(out.at("status"), "SKIPPED");
    EXPECT_NE(out.at("reason").get<std::string>().find("start the span on or after"),
              std::string::npos);
  }
}

TEST_F(BacktestCli, BadInputIsAOneLineError) {
  test::TempDir empty;
  const auto no_data = run_ae("backtest run", empty.path());
  EXPECT_EQ(no_data.exit_code, 3);
  EXPECT_NE(no_data.err.find("no SPY bars"), std::string::npos) << no_data.err;
  const auto no_report = run_ae("backtest report", empty.path());
  EXPECT_EQ(no_report.exit_code, 3);
  EXPECT_NE(no_report.err.find("no backtest report yet"), std::string::npos) << no_report.err;

  const auto reversed = run_ae("backtest run --from 2026-03-31 --to 2026-02-02", home());
  EXPECT_EQ(reversed.exit_code, 3);
  EXPECT_NE(reversed.err.find("--from 2026-03-31 is after 2026-02-02, the last session on or "
                              "before --to 2026-02-02"),
            std::string::npos)
      << reversed.err;
  // Past the bars' end: the span is not shown clamped to a date the user never gave.
  const auto future = run_ae("backtest run --from 2030-01-02 --to 2030-02-01", home());
  EXPECT_EQ(future.exit_code, 3);
  EXPECT_NE(future.err.find("--from 2030-01-02 is after 2026-04-30, the market's last session"),
            std::string::npos)
      << future.err;
  const auto too_early = run_ae("backtest run --from 2023-06-01 --to 2026-02-02", home());
  EXPECT_EQ(too_early.exit_code, 3);
  EXPECT_NE(too_early.err.find("start the span on or after"), std::string::npos) << too_early.err;
  EXPECT_EQ(run_ae("backtest run --retrain-every 1", home()).exit_code, 2);
  EXPECT_EQ(run_ae("backtest tune --holdout 1.5", home()).exit_code, 2);
}

}  // namespace
}  // namespace ae
