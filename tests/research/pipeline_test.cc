// Whole research runs on a small simulated market: the contract of every
// output, determinism and a golden summary, idempotency, held names re-scored
// every run, the history database, agents in a run, and bad inputs that must
// give a clear error and no file.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include "core/contracts/contract.h"
#include "research/errors.h"
#include "research/history.h"
#include "research_test_util.h"

namespace ae::research {
namespace {

using test::kFirstRun;
using test::ResearchHome;

constexpr const char* kSecondRun = "2026-07-10";
constexpr const char* kLaterRun = "2026-07-24";  // 20 trading days on

nlohmann::json read_signals(ResearchHome& home, const std::string& key) {
  return core::read_contract(home.store(), core::Contract::kSignals, key);
}

TEST(Pipeline, FirstRunWritesValidSignalsUnderBothKeys) {
  ResearchHome home;
  const auto result = home.run(kFirstRun);
  EXPECT_FALSE(result.skipped);
  const auto members = home.bars().read_universe().members_on(core::parse_date(kFirstRun));
  EXPECT_EQ(result.universe_size, members.size());
  EXPECT_GT(members.size(), 70u);
  EXPECT_GT(result.scanner_candidates, 0u);
  const auto dated = read_signals(home, result.signals_key);
  EXPECT_EQ(dated, read_signals(home, kLatestSignalsKey));
  const auto signals = dated.get<core::Signals>();
  EXPECT_EQ(core::format_date(signals.date), kFirstRun);
  // First run: population starts empty, so every member is a CIO entrant,
  // at most max_new_entrants of them.
  EXPECT_EQ(result.entries.size(), signals.population->size());
  EXPECT_LE(result.entries.size(), 10u);
  EXPECT_TRUE(result.exits.empty());
  std::set<std::string> enter;
  for (const auto& e : signals.universe) {
    if (e.signal == core::SignalAction::kEnter) enter.insert(e.ticker);
    const auto sector = market::canonical_sector(e.sector);
    EXPECT_EQ(e.sector_rating,
              signals.sector_ratings.at(std::string(market::sector_name(sector))).rating)
        << e.ticker;
    ASSERT_TRUE(e.score);
    EXPECT_EQ(e.rating == core::Rating::kBuy, *e.score >= 65) << e.ticker;
  }
  for (const auto& e : signals.buy_candidates) EXPECT_TRUE(enter.count(e.ticker)) << e.ticker;
  EXPECT_EQ(result.buy_candidates.size(), signals.buy_candidates.size());
  for (const auto& record : (*signals.metadata)["judgment"]) EXPECT_EQ(record["source"], "rule");
  EXPECT_EQ((*signals.metadata)["judgment"].size(), 8u);  // macro + 6 teams + cio
  const auto population = nlohmann::json::parse(home.store().get("population/latest.json"));
  EXPECT_EQ(population["population"].size(), signals.population->size());
  EXPECT_TRUE(home.store().exists(std::string("population/") + kFirstRun + ".json"));
  EXPECT_FALSE(home.metrics().data().empty());
}

TEST(Pipeline, SameSeedSameBytes) {
  ResearchHome a, b;
  const auto ra = a.run(kFirstRun);
  b.run(kFirstRun);
  EXPECT_EQ(a.store().get(ra.signals_key), b.store().get(ra.signals_key));
}

// The golden summary pins the whole chain on the simulated market. After an
// intended change, regenerate with AE_UPDATE_GOLDEN=1 and review the diff.
TEST(Pipeline, GoldenRunIsStable) {
  ResearchHome home;
  home.run(kFirstRun);
  const auto second = home.run(kSecondRun);
  const auto doc = read_signals(home, second.signals_key);
  nlohmann::json summary = {{"date", doc["date"]},
                            {"market_regime", doc["market_regime"]},
                            {"sector_modifiers", doc["sector_modifiers"]},
                            {"population", doc["population"]},
                            {"buy_candidates", nlohmann::json::array()},
                            {"universe", nlohmann::json::array()}};
  for (const auto& e : doc["buy_candidates"]) summary["buy_candidates"].push_back(e["ticker"]);
  for (const auto& e : doc["universe"]) {
    summary["universe"].push_back(
        {{"ticker", e["ticker"]}, {"signal", e["signal"]}, {"score", e["score"]}});
  }
  const auto path = ae::test::source_path("tests/research/golden/run_2026-07-10.json");
  const char* update = std::getenv("AE_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << summary.dump(2) << "\n";
  }
  std::ifstream in(path);
  ASSERT_TRUE(in.good()) << "missing golden file " << path << " (AE_UPDATE_GOLDEN=1 writes it)";
  EXPECT_EQ(nlohmann::json::parse(in), summary) << summary.dump(2);
}

TEST(Pipeline, ExistingSignalsAreSkippedUnlessForced) {
  ResearchHome home;
  home.run(kFirstRun);
  EXPECT_TRUE(home.run(kFirstRun).skipped);
  const auto again = home.run(kFirstRun, {}, /*force=*/true);
  EXPECT_FALSE(again.skipped);
  // A forced re-run starts from the same population (the snapshot before the
  // date), so it decides the same.
  ResearchHome fresh;
  const auto once = fresh.run(kFirstRun);
  EXPECT_EQ(again.entries, once.entries);
}

TEST(Pipeline, HeldNamesAreReScoredEveryRun) {
  ResearchHome home;
  home.run(kFirstRun);
  const auto first = read_signals(home, kLatestSignalsKey).get<core::Signals>();
  home.run(kSecondRun);
  const auto second = read_signals(home, kLatestSignalsKey).get<core::Signals>();
  std::map<std::string, double> before, after;
  for (const auto& e : first.universe) before[e.ticker] = *e.score;
  for (const auto& e : second.universe) {
    if (e.score) after[e.ticker] = *e.score;
  }
  int changed = 0;
  for (const auto& ticker : *first.population) {
    ASSERT_TRUE(after.count(ticker)) << ticker << " held but absent from the next run";
    changed += after[ticker] != before[ticker];
  }
  EXPECT_GT(changed, 0) << "held scores were frozen";
  // And the database has a fresh score row for every held name.
  auto rows = home.database().prepare(
      "SELECT COUNT(*) FROM scores WHERE date = ?1 AND source IN ('held', 'both')");
  rows.bind(1, kSecondRun);
  ASSERT_TRUE(rows.step());
  EXPECT_EQ(rows.column_int(0), static_cast<std::int64_t>(first.population->size()));
}

TEST(Pipeline, PopulationCarriesOverAndExitsBecomeExitSignals) {
  ResearchHome home;
  // A strict population makes exits happen: everything below 70 collapses.
  home.parameters().apply_yaml_text("population: {thesis_collapse_threshold: 70}\n", "t.yaml");
  home.run(kFirstRun);
  const auto first = read_signals(home, kLatestSignalsKey).get<core::Signals>();
  const auto result = home.run(kSecondRun);
  const auto second = read_signals(home, kLatestSignalsKey).get<core::Signals>();
  std::set<std::string> exits(result.exits.begin(), result.exits.end());
  for (const auto& ticker : *first.population) {
    const bool stays = std::count(second.population->begin(), second.population->end(), ticker);
    EXPECT_NE(stays, exits.count(ticker) > 0) << ticker;
  }
  for (const auto& e : second.universe) {
    if (exits.count(e.ticker)) {
      EXPECT_EQ(e.signal, core::SignalAction::kExit);
      EXPECT_EQ(e.rating, core::Rating::kSell);
    }
  }
}

TEST(Pipeline, HistoryRecordsRunsAndFillsForwardReturnsLater) {
  ResearchHome home;
  home.run(kFirstRun);
  home.run(kLaterRun);
  ResearchHistory history(home.database());
  EXPECT_EQ(history.run_dates().size(), 2u);
  const auto outcomes = history.outcomes(core::parse_date(kFirstRun));
  ASSERT_FALSE(outcomes.empty());
  for (const auto& o : outcomes) {
    EXPECT_TRUE(o["return_10d"].is_number()) << o.dump();
    EXPECT_TRUE(o["return_30d"].is_null()) << o.dump();  // 20 trading days later
  }
  auto scan = home.database().prepare("SELECT COUNT(*) FROM scanner_evaluations WHERE date = ?1");
  scan.bind(1, kFirstRun);
  ASSERT_TRUE(scan.step());
  EXPECT_EQ(scan.column_int(0),
            static_cast<std::int64_t>(
                home.bars().read_universe().members_on(core::parse_date(kFirstRun)).size()));
}

TEST(Pipeline, AgentsInARunAreUsedOrFallBackAndAreRecorded) {
  ResearchHome home;
  const auto bear = home.script("bear.sh", R"(cat > /dev/null; echo '{"market_regime": "bear"}')");
  const auto broken = home.script("broken.sh", "cat > /dev/null; echo '{not json'");
  const auto result = home.run(kFirstRun, {{"macro", bear}, {"cio", broken}});
  EXPECT_EQ(result.regime, core::MarketRegime::kBear);
  const auto doc = read_signals(home, kLatestSignalsKey);
  EXPECT_EQ(doc["market_regime"], "bear");
  const auto& judgments = doc["metadata"]["judgment"];
  EXPECT_EQ(judgments.front()["step"], "macro");
  EXPECT_EQ(judgments.front()["source"], "agent");
  EXPECT_EQ(judgments.back()["step"], "cio");
  EXPECT_EQ(judgments.back()["source"], "rule");
  EXPECT_EQ(judgments.back()["fallback_reason"], "answer is not valid JSON");
}

TEST(Pipeline, HeldNameWithoutBarsIsAClearErrorAndNoFile) {
  ResearchHome home;
  home.run(kFirstRun);
  const auto population = read_signals(home, kLatestSignalsKey)["population"];
  ASSERT_FALSE(population.empty());
  const std::string victim = population[0];
  ASSERT_TRUE(home.bars().remove(victim));
  try {
    home.run(kSecondRun);
    FAIL() << "expected ResearchInputError";
  } catch (const ResearchInputError& e) {
    EXPECT_NE(std::string(e.what()).find("held name " + victim + " has no bars"), std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(home.store().exists(std::string("signals/") + kSecondRun + "/signals.json"));
  EXPECT_EQ(read_signals(home, kLatestSignalsKey)["date"], kFirstRun);  // prior file kept
}

TEST(Pipeline, NonTradingDayAndMissingSpyAreClearErrors) {
  ResearchHome home;
  EXPECT_THROW(home.run("2026-06-27"), ResearchInputError);  // a Saturday
  ASSERT_TRUE(home.bars().remove("SPY"));
  try {
    home.run(kFirstRun);
    FAIL() << "expected ResearchInputError";
  } catch (const ResearchInputError& e) {
    EXPECT_NE(std::string(e.what()).find("SPY"), std::string::npos);
  }
  EXPECT_FALSE(home.store().exists(kLatestSignalsKey));
}

}  // namespace
}  // namespace ae::research
