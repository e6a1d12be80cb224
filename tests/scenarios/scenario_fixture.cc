#include "scenarios/scenario_fixture.h"

#include "app/deploy_drift.h"
#include "app/pipelines.h"
#include "core/atomic_file.h"
#include "core/contracts/contract.h"
#include "core/sqlite.h"
#include "market/bar_store.h"
#include "market/session_closes.h"
#include "predictor/parameters.h"
#include "predictor/training_run.h"
#include "research/pipeline.h"
#include "research/research_parameters.h"
#include "support/market_support.h"

namespace ae::app {

const core::Date kIncident = core::parse_date("2026-04-20");
const core::Date kFriday = core::parse_date("2026-04-17");

namespace {
// The saturday pipeline's instant before the incident (research, training).
const char* kSaturday = "2026-04-18T00:00:00Z";
const char* kFastTraining =
    "training:\n  max_rounds: 60\n  early_stopping_rounds: 10\n"
    "xgboost:\n  min_child_weight: 20\n  max_depth: 4\n  eta: 0.1\n";
}  // namespace

void RecordingNotifications::publish(const std::string&, const std::string& subject,
                                     const std::string&) {
  const std::lock_guard lock(mutex_);
  subjects_.push_back(subject);
}

std::vector<std::string> RecordingNotifications::subjects() const {
  const std::lock_guard lock(mutex_);
  return subjects_;
}

ae::test::TempDir* Scenario::base_ = nullptr;
std::vector<std::string>* Scenario::buy_candidates_ = nullptr;

void Scenario::SetUpTestSuite() {
  base_ = new ae::test::TempDir();
  const auto home = base_->path();
  ae::test::write_simulated_market(home / "market", 60, 3, 8, kIncident);
  market::BarStore bars(home / "market");
  std::filesystem::create_directories(home / "config");
  core::write_file_atomically(home / "config" / "predictor.yaml", kFastTraining);

  core::VirtualClock clock(core::parse_timestamp(kSaturday));
  core::FileSystemStore store(home / "store");
  const auto predictor_parameters = predictor::load_predictor_parameters(
      home / "config" / "predictor.yaml", store, core::kDefaultProfile);
  predictor::TrainingRequest training;
  training.promote = true;
  training.force_promote = true;
  training.to = kFriday;
  predictor::run_training(bars, store, clock, predictor_parameters, training);

  const auto research_parameters = research::load_research_parameters(
      home / "config" / "research.yaml", store, core::kDefaultProfile);
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

void Scenario::TearDownTestSuite() {
  delete base_;
  delete buy_candidates_;
}

void Scenario::SetUp() {
  std::filesystem::copy(base_->path(), home(), std::filesystem::copy_options::recursive);
  ::setenv("AE_HOME", home().c_str(), 1);
  ASSERT_FALSE(buy_candidates_->empty()) << "research named no buy candidates on 2026-04-17";
}

PipelineRun Scenario::run_pipeline_on(const std::string& pipeline, const std::string& date,
                                      Faults faults, const std::string& name) {
  clock_ = std::make_unique<RunClock>(scheduled_start(pipeline, core::parse_date(date)));
  TaskContext context;
  context.home = core::Home(home());
  context.clock = clock_.get();
  context.faults = std::move(faults);
  context.deploy_drift = [] { return skipped_deploy_drift(); };
  states::BuiltinServices services;
  services.notifications = notifications_;
  services.hosts = hosts_;
  return run_pipeline(context, {pipeline, {{"run_date", date}}, name, "virtual", ""}, services);
}

PipelineRun Scenario::run_weekday(const std::string& date, Faults faults, const std::string& name) {
  return run_pipeline_on("weekday", date, std::move(faults), name);
}

std::vector<std::string> Scenario::entered(const PipelineRun& run) {
  std::vector<std::string> out;
  for (const auto& line : run.states) out.push_back(line.state);
  return out;
}

bool Scenario::visited(const PipelineRun& run, const std::string& state) {
  const auto names = entered(run);
  return std::find(names.begin(), names.end(), state) != names.end();
}

bool Scenario::visited_in_order(const PipelineRun& run, const std::vector<std::string>& sequence) {
  const auto names = entered(run);
  return std::search(names.begin(), names.end(), sequence.begin(), sequence.end()) != names.end();
}

std::set<std::string> Scenario::predicted_tickers() const {
  const core::FileSystemStore store(home() / "store");
  const auto document = core::read_contract(store, core::Contract::kPredictions,
                                            "predictor/predictions/2026-04-20.json");
  std::set<std::string> out;
  for (const auto& row : document.at("predictions"))
    out.insert(row.at("ticker").get<std::string>());
  return out;
}

bool Scenario::store_has(const std::string& key) const {
  return std::filesystem::exists(home() / "store" / key);
}

std::string describe(const PipelineRun& run) {
  std::string out = std::string(states::status_name(run.record.status)) + " " +
                    run.record.error.value_or("") + " " + run.record.cause.value_or("") + "\n";
  for (const auto& line : run.states) out += line.state + ": " + line.result + "\n";
  return out;
}

}  // namespace ae::app
