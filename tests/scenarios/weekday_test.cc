// Whole weekday executions on a small simulated market (60 tickers x 3 years),
// run in-process on the durable engine with the task functions, the built-in
// resources and this build's `ae` for the command steps. The market, the
// research run of Friday 2026-04-17 and a champion trained that Saturday are made once per suite;
// every test works on its own copy of that home. Asserts are on the execution
// history (states entered) and on the store.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>

#include "core/atomic_file.h"
#include "core/contracts/contract.h"
#include "core/contracts/predictions.h"
#include "core/sqlite.h"
#include "market/bar_store.h"
#include "market/session_closes.h"
#include "market/synth/synthetic_market.h"
#include "predictor/coverage_check.h"
#include "predictor/parameters.h"
#include "predictor/training_run.h"
#include "research/pipeline.h"
#include "research/research_parameters.h"
#include "support/test_support.h"
#include "tasks/deploy_drift.h"
#include "tasks/pipeline_run.h"
#include "tasks/pipelines.h"
#include "tasks/run_clock.h"

namespace ae::tasks {
namespace {

const core::Date kIncident = core::parse_date("2026-04-20");  // a Monday
const core::Date kFriday = core::parse_date("2026-04-17");
// The saturday pipeline's instant before the incident (research, training).
const char* kSaturday = "2026-04-18T00:00:00Z";
const char* kFastTraining =
    "training:\n  max_rounds: 60\n  early_stopping_rounds: 10\n"
    "xgboost:\n  min_child_weight: 20\n  max_depth: 4\n  eta: 0.1\n";

class RecordingNotifications final : public states::NotificationSink {
 public:
  void publish(const std::string&, const std::string& subject, const std::string&) override {
    const std::lock_guard lock(mutex_);
    subjects_.push_back(subject);
  }
  std::vector<std::string> subjects() const {
    const std::lock_guard lock(mutex_);
    return subjects_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> subjects_;
};

class Scenario : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    base_ = new ae::test::TempDir();
    const auto home = base_->path();
    market::BarStore bars(home / "market");
    market::synth::SynthOptions options;
    options.tickers = 60;
    options.years = 3;
    options.seed = 8;
    options.end = kIncident;
    options.signal_strength = 4 * market::synth::kDefaultSignalStrength;
    market::synth::write_market(bars, market::synth::generate_market(options, bars.calendar()),
                                options);
    std::filesystem::create_directories(home / "config");
    core::write_file_atomically(home / "config" / "predictor.yaml", kFastTraining);

    core::VirtualClock clock(core::parse_timestamp(kSaturday));
    core::FileSystemStore store(home / "store");
    const auto predictor_parameters =
        predictor::load_predictor_parameters(home / "config" / "predictor.yaml", store);
    predictor::TrainingRequest training;
    training.promote = true;
    training.force_promote = true;
    training.to = kFriday;
    predictor::run_training(bars, store, clock, predictor_parameters, training);

    const auto research_parameters =
        research::load_research_parameters(home / "config" / "research.yaml", store);
    std::filesystem::create_directories(home / "state");
    core::Database database(home / "state" / "research.db");
    const research::ResearchContext context{bars,   store, database, clock, research_parameters,
                                            nullptr};
    research::RunOptions run;
    run.date = kFriday;
    buy_candidates_ =
        new std::vector<std::string>(research::run_research(context, run).buy_candidates);
    market::record_session_closes(bars, store, clock, kFriday);

    // Command steps run this build's `ae`.
    const auto binary_dir = std::filesystem::path(AE_BINARY).parent_path().string();
    const char* path = std::getenv("PATH");
    ::setenv("PATH", (binary_dir + ":" + (path != nullptr ? path : "")).c_str(), 1);
  }
  static void TearDownTestSuite() {
    delete base_;
    delete buy_candidates_;
  }

  void SetUp() override {
    std::filesystem::copy(base_->path(), home(), std::filesystem::copy_options::recursive);
    ::setenv("AE_HOME", home().c_str(), 1);
    ASSERT_FALSE(buy_candidates_->empty()) << "research named no buy candidates on 2026-04-17";
  }

  std::filesystem::path home() const { return scratch_.path() / "home"; }

  PipelineRun run_weekday(const std::string& date, Faults faults = {}) {
    clock_ = std::make_unique<RunClock>(scheduled_start("weekday", core::parse_date(date)));
    TaskContext context;
    context.home = home();
    context.clock = clock_.get();
    context.faults = std::move(faults);
    context.deploy_drift = [] { return skipped_deploy_drift(); };
    states::BuiltinServices services;
    services.notifications = notifications_;
    services.hosts = hosts_;
    return run_pipeline(context, {"weekday", {{"run_date", date}}, "", "virtual"}, services);
  }

  static std::vector<std::string> entered(const PipelineRun& run) {
    std::vector<std::string> out;
    for (const auto& line : run.states) out.push_back(line.state);
    return out;
  }
  static bool visited(const PipelineRun& run, const std::string& state) {
    const auto names = entered(run);
    return std::find(names.begin(), names.end(), state) != names.end();
  }
  // `sequence` appears in the states entered, in order and adjacent.
  static bool visited_in_order(const PipelineRun& run, const std::vector<std::string>& sequence) {
    const auto names = entered(run);
    return std::search(names.begin(), names.end(), sequence.begin(), sequence.end()) != names.end();
  }
  std::set<std::string> predicted_tickers() const {
    const core::FileSystemStore store(home() / "store");
    const auto document = core::read_contract(store, core::Contract::kPredictions,
                                              "predictor/predictions/2026-04-20.json");
    std::set<std::string> out;
    for (const auto& row : document.at("predictions"))
      out.insert(row.at("ticker").get<std::string>());
    return out;
  }
  bool store_has(const std::string& key) const {
    return std::filesystem::exists(home() / "store" / key);
  }

  static ae::test::TempDir* base_;
  static std::vector<std::string>* buy_candidates_;
  ae::test::TempDir scratch_;
  std::unique_ptr<RunClock> clock_;
  std::shared_ptr<RecordingNotifications> notifications_ =
      std::make_shared<RecordingNotifications>();
  std::shared_ptr<states::HostRecorder> hosts_ = std::make_shared<states::HostRecorder>();
};
ae::test::TempDir* Scenario::base_ = nullptr;
std::vector<std::string>* Scenario::buy_candidates_ = nullptr;

std::string describe(const PipelineRun& run) {
  std::string out = std::string(states::status_name(run.record.status)) + " " +
                    run.record.error.value_or("") + " " + run.record.cause.value_or("") + "\n";
  for (const auto& line : run.states) out += line.state + ": " + line.result + "\n";
  return out;
}

TEST_F(Scenario, IncidentGapIsHealedByOneRescoreBeforeThePlanner) {
  const std::string missing = buy_candidates_->front();
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
  for (const auto& ticker : *buy_candidates_) EXPECT_TRUE(predicted.contains(ticker)) << ticker;
  const core::FileSystemStore store(home() / "store");
  EXPECT_FALSE(predictor::check_coverage(store, kIncident).has_gap);
  // Every entry the planner put in the order book has a prediction row.
  EXPECT_TRUE(run.succeeded()) << describe(run);
  if (run.succeeded()) {
    ASSERT_TRUE(store_has("trades/order_book/2026-04-20.json")) << describe(run);
    const auto book =
        core::read_contract(store, core::Contract::kOrderBook, "trades/order_book/2026-04-20.json");
    for (const auto& entry : book.value("approved_entries", nlohmann::json::array()))
      EXPECT_TRUE(predicted.contains(entry.at("ticker").get<std::string>())) << entry.dump();
  }
}

TEST_F(Scenario, PersistentGapFailsTheDayWithANotificationAndNoOrderBook) {
  Faults faults;
  faults.omit_always = {buy_candidates_->front()};
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

}  // namespace
}  // namespace ae::tasks
