// Whole weekday executions on a small simulated market (60 tickers x 3 years),
// run in-process on the durable engine with the task functions, the built-in
// resources and this build's `ae` for the command steps. The market, the
// research run of Friday 2026-04-17 and a champion trained that Saturday are made once per suite;
// every test works on its own copy of that home. Asserts are on the execution
// history (states entered) and on the store.
#include "app/pipelines.h"
#include "core/contracts/contract.h"
#include "predictor/coverage_check.h"
#include "scenarios/scenario_fixture.h"

namespace ae::app {
namespace {

TEST_F(Scenario, IncidentGapIsHealedByOneRescoreBeforeThePlanner) {
  const std::string missing = buy_candidates().front();
  Faults faults;
  faults.omit_on_first_predict = {missing};
  const auto run = run_weekday("2026-04-20", faults);
  EXPECT_TRUE(visited_in_order(
      run,
      {"PredictorInference", "CheckPredictorCoverage", "CoverageGapChoice", "ReinvokePredictor",
       "RecheckCoverage", "FinalCoverageGate", "PredictorHealthCheck", "RunMorningPlanner"}))
      << describe(run);
  EXPECT_FALSE(visited(run, "HandleFailure") && !visited(run, "RunMorningPlanner"))
      << describe(run);
  // The healed file scores every buy candidate, the omitted one included.
  const auto predicted = predicted_tickers();
  for (const auto& ticker : buy_candidates()) EXPECT_TRUE(predicted.contains(ticker)) << ticker;
  const core::FileSystemStore store(home() / "store");
  EXPECT_FALSE(predictor::check_coverage(store, kIncident).has_gap);
  // Every entry the planner put in the order book has a prediction row.
  EXPECT_TRUE(run.succeeded()) << describe(run);
  if (run.succeeded()) {
    ASSERT_TRUE(store_has("trades/order_book/2026-04-20.json")) << describe(run);
    const auto book =
        core::read_contract(store, core::Contract::kOrderBook, "trades/order_book/2026-04-20.json");
    // The benchmark sleeve (SPY) is the index itself, not a candidate: it
    // carries no predicted alpha.
    for (const auto& entry : book.value("approved_entries", nlohmann::json::array())) {
      const auto ticker = entry.at("ticker").get<std::string>();
      if (ticker == "SPY")
        EXPECT_TRUE(entry.value("predicted_alpha", nlohmann::json()).is_null()) << entry.dump();
      else
        EXPECT_TRUE(predicted.contains(ticker)) << entry.dump();
    }
  }
}

TEST_F(Scenario, PersistentGapFailsTheDayWithANotificationAndNoOrderBook) {
  Faults faults;
  faults.omit_always = {buy_candidates().front()};
  const auto run = run_weekday("2026-04-20", faults);
  EXPECT_TRUE(visited_in_order(run, {"ReinvokePredictor", "RecheckCoverage", "FinalCoverageGate",
                                     "HandleFailure", "FailExecution"}))
      << describe(run);
  EXPECT_FALSE(visited(run, "RunMorningPlanner"));
  EXPECT_EQ(run.record.status, states::ExecutionStatus::kFailed);
  EXPECT_EQ(run.record.error.value_or(""), "DailyPipelineFailure");
  const auto subjects = notifications_->subjects();
  ASSERT_EQ(subjects.size(), 1u);
  EXPECT_EQ(subjects[0], "Alpha Engine Weekday Pipeline - FAILED");
  EXPECT_FALSE(store_has("trades/order_book/2026-04-20.json"));
}

TEST_F(Scenario, HolidayTakesTheMarketClosedPathWithoutPredicting) {
  // Good Friday, 2026-04-03: NYSE closed.
  const auto run = run_weekday("2026-04-03");
  EXPECT_TRUE(run.succeeded()) << describe(run);
  EXPECT_TRUE(visited_in_order(
      run, {"CheckTradingDayResult", "StopExecutorOnHoliday", "NotifyHolidaySkip"}))
      << describe(run);
  EXPECT_FALSE(visited(run, "PredictorInference"));
  const auto calls = hosts_->calls();
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back().action, "stopInstances");
  EXPECT_EQ(notifications_->subjects(),
            std::vector<std::string>{"Alpha Engine Weekday Pipeline - Skipped (Market Holiday)"});
}

TEST_F(Scenario, TradingDayCheckFailureAlertsAndProceeds) {
  // The reference's fail-open choice: a broken calendar check must not stop
  // a trading day, but somebody is told.
  Faults faults;
  faults.failing_commands = {"CheckTradingDay"};
  const auto run = run_weekday("2026-04-20", faults);
  EXPECT_TRUE(visited(run, "TradingDayCheckFailed")) << describe(run);
  EXPECT_TRUE(visited(run, "PredictorInference")) << describe(run);
  EXPECT_TRUE(run.succeeded()) << describe(run);
  const auto subjects = notifications_->subjects();
  ASSERT_FALSE(subjects.empty());
  EXPECT_NE(subjects.front().find("Trading Day Check Failed"), std::string::npos)
      << subjects.front();
}

TEST_F(Scenario, PredictorWriteGuardFailsTheDayAndWritesNoPredictions) {
  // Scoring one buy candidate fails inside the predictor: its write-time
  // guard refuses the incomplete file, so nothing is written for the day.
  Faults faults;
  faults.fail_on = {buy_candidates().front()};
  const auto run = run_weekday("2026-04-20", faults);
  EXPECT_EQ(run.record.status, states::ExecutionStatus::kFailed) << describe(run);
  EXPECT_EQ(run.record.error.value_or(""), "DailyPipelineFailure");
  EXPECT_FALSE(visited(run, "CheckPredictorCoverage")) << describe(run);
  bool guard_fired = false;
  for (const auto& line : run.states)
    if (line.state == "PredictorInference" && line.result.starts_with("PipelineHardFail"))
      guard_fired = true;
  EXPECT_TRUE(guard_fired) << describe(run);
  EXPECT_FALSE(store_has("predictor/predictions/2026-04-20.json"));
  EXPECT_FALSE(store_has("trades/order_book/2026-04-20.json"));
  EXPECT_EQ(notifications_->subjects().size(), 1u);
}

TEST_F(Scenario, PlannerRunDirectlyOnAnIncompleteFileRefusesToSize) {
  // The orchestration bypassed: the predictions of the day miss one buy
  // candidate and the planner is started by hand.
  // The commands run at the weekday's scheduled start, on its timeline.
  const auto at = core::format_timestamp(scheduled_start("weekday", kIncident));
  ::setenv(core::kVirtualNowVariable, at.c_str(), 1);
  const auto predicted = ae::test::run_ae("predict --date 2026-04-20", home());
  ASSERT_EQ(predicted.exit_code, 0) << predicted.err;
  core::FileSystemStore store(home() / "store");
  const std::string dropped = buy_candidates().front();
  for (const std::string key :
       {"predictor/predictions/2026-04-20.json", "predictor/predictions/latest.json"}) {
    auto document = core::read_contract(store, core::Contract::kPredictions, key);
    auto& rows = document.at("predictions");
    rows.erase(std::remove_if(rows.begin(), rows.end(),
                              [&](const auto& row) { return row.at("ticker") == dropped; }),
               rows.end());
    document["n_predictions"] = rows.size();
    core::write_contract(store, core::Contract::kPredictions, key, document);
  }
  const auto planned = ae::test::run_ae("plan --date 2026-04-20", home());
  ::unsetenv(core::kVirtualNowVariable);
  EXPECT_EQ(planned.exit_code, 3) << planned.out << planned.err;
  EXPECT_NE(planned.err.find("Coverage gap: 1 of"), std::string::npos) << planned.err;
  EXPECT_NE(planned.err.find(dropped), std::string::npos) << planned.err;
  EXPECT_FALSE(store_has("trades/order_book/2026-04-20.json"));
  const auto metric = ae::test::run_ae(
      "metrics get AlphaEngine/Predictor unscored_buy_candidates_count --stat Maximum "
      "--period 86400 --from 2026-04-20T00:00:00Z --to 2026-04-21T00:00:00Z",
      home());
  EXPECT_EQ(metric.exit_code, 0) << metric.err;
  // One period: "<start>\t<Maximum>\t<SampleCount>": one datum, value 1 (missing).
  EXPECT_EQ(metric.out, "2026-04-20T00:00:00Z\t1\t1\n") << metric.out;
}

}  // namespace
}  // namespace ae::app
