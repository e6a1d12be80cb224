// Scenario 7, a property test (label slow; AE_PROPERTY_RUNS sets the count,
// default 1000): random combinations of faults on the weekday of 2026-04-20,
// each on a fresh copy of the scenario home. Whatever the faults, in every
// run:
//   - no order book entry and no ENTER order names a ticker without a row in
//     the day's predictions, but the benchmark sleeve (SPY, which is never a
//     buy candidate nor predicted: docs/construction.md);
//   - a run that succeeded on a trading day ends with no coverage gap;
//   - a run that failed sent its failure notification, unless the notifier
//     itself was down (then the failure is in the execution's history).
#include <random>

#include "core/contracts/contract.h"
#include "core/home.h"
#include "executor/ledger/ledger.h"
#include "executor/planning/market_data.h"
#include "predictor/coverage_check.h"
#include "scenarios/scenario_fixture.h"

namespace ae::app {
namespace {

std::size_t property_runs() {
  const char* text = std::getenv("AE_PROPERTY_RUNS");
  return text != nullptr ? std::stoul(text) : 1000;
}

template <typename T>
std::set<T> some_of(const std::vector<T>& pool, std::mt19937_64& random, double p) {
  std::set<T> out;
  std::bernoulli_distribution take(p);
  for (const auto& x : pool)
    if (take(random)) out.insert(x);
  return out;
}

Faults random_faults(const std::vector<std::string>& candidates, std::mt19937_64& random) {
  static const std::vector<std::string> kTaskStates = {
      "PredictorInference", "CheckPredictorCoverage", "ReinvokePredictor",
      "RecheckCoverage",    "PredictorHealthCheck",   "DeployDriftCheck"};
  static const std::vector<std::string> kCommandStates = {"CheckTradingDay", "RunMorningPlanner",
                                                          "RunDaemon"};
  static const std::vector<std::string> kArtifacts = {"signals", "predictions"};
  std::bernoulli_distribution coin(0.5), rare(0.1);
  Faults f;
  // Tickers: mostly buy candidates (where faults matter), sometimes none.
  if (coin(random)) f.omit_on_first_predict = some_of(candidates, random, 0.3);
  if (rare(random)) f.omit_always = some_of(candidates, random, 0.2);
  if (rare(random)) f.fail_on = some_of(candidates, random, 0.2);
  if (rare(random)) f.failing_tasks = some_of(kTaskStates, random, 0.3);
  if (rare(random)) f.timing_out_tasks = some_of(kTaskStates, random, 0.3);
  if (rare(random)) f.failing_commands = some_of(kCommandStates, random, 0.4);
  if (rare(random)) f.corrupt_artifacts = some_of(kArtifacts, random, 0.5);
  if (rare(random)) f.missing_artifacts = some_of(kArtifacts, random, 0.5);
  f.notifier_down = rare(random);
  return f;
}

// Upper-cased tickers of the day's prediction rows; empty if the file is
// missing or unreadable.
std::set<std::string> predicted(const core::ArtifactStore& store) {
  std::set<std::string> out;
  try {
    const auto document = core::read_contract(store, core::Contract::kPredictions,
                                              "predictor/predictions/2026-04-20.json");
    for (const auto& row : document.at("predictions")) out.insert(row.at("ticker"));
  } catch (const core::Error&) {
  }
  return out;
}

TEST_F(Scenario, NoUnscoredOrderAndNoSilentGapUnderRandomFaults) {
  std::mt19937_64 random(20260420);
  const std::size_t runs = property_runs();
  std::size_t succeeded = 0, failed = 0, healed = 0;
  for (std::size_t i = 0; i < runs; ++i) {
    std::filesystem::remove_all(home());
    std::filesystem::copy(base_->path(), home(), std::filesystem::copy_options::recursive);
    notifications_ = std::make_shared<RecordingNotifications>();
    const auto faults = random_faults(buy_candidates(), random);
    const std::string context = "run " + std::to_string(i) + " faults " + faults.to_json().dump();
    const auto run = run_weekday("2026-04-20", faults);

    const core::FileSystemStore store(home() / "store");
    const auto rows = predicted(store);
    if (store.exists("trades/order_book/2026-04-20.json")) {
      const auto book = core::read_contract(store, core::Contract::kOrderBook,
                                            "trades/order_book/2026-04-20.json");
      for (const auto& entry : book.value("approved_entries", nlohmann::json::array())) {
        const auto ticker = entry.at("ticker").get<std::string>();
        if (ticker == executor::kBenchmarkSymbol) continue;
        ASSERT_TRUE(rows.contains(ticker)) << context << "\n" << describe(run);
      }
    }
    const auto ledger_path = core::Home(home()).ledger();
    if (std::filesystem::exists(ledger_path)) {
      executor::Ledger ledger(ledger_path);
      for (const auto& trade : ledger.trades())
        if (trade.action == "ENTER" && trade.ticker != executor::kBenchmarkSymbol) {
          ASSERT_TRUE(rows.contains(trade.ticker)) << context << "\n" << describe(run);
        }
    }
    if (run.succeeded()) {
      ++succeeded;
      if (visited(run, "ReinvokePredictor")) ++healed;
      ASSERT_FALSE(predictor::check_coverage(store, kIncident).has_gap) << context << "\n"
                                                                        << describe(run);
    } else {
      ++failed;
      if (!faults.notifier_down) {
        ASSERT_FALSE(notifications_->subjects().empty()) << context << "\n" << describe(run);
      }
    }
  }
  std::cout << runs << " runs: " << succeeded << " succeeded (" << healed << " after a re-score), "
            << failed << " failed loudly\n";
  EXPECT_GT(succeeded, 0u);
  EXPECT_GT(failed, 0u);
  EXPECT_GT(healed, 0u);
}

}  // namespace
}  // namespace ae::app
