#include "predictor/coverage_check.h"

#include <gtest/gtest.h>

#include "fixtures.h"
#include "predictor/store_keys.h"
#include "support/test_support.h"

namespace ae::predictor {
namespace {

using test::make_predictions;
using test::make_signals;
using test::row;

class CoverageCheck : public ::testing::Test {
 protected:
  ae::test::TempDir dir;
  core::FileSystemStore store{dir.path()};
  core::Date date = core::parse_date("2026-04-20");
};

TEST_F(CoverageCheck, DatedSignalsFullyCovered) {
  test::put_signals(store, signals_key(date), make_signals(date, {"AAPL", "MSFT"}));
  test::put_predictions(store, predictions_key(date),
                        make_predictions(date, {row("AAPL", 0.01), row("MSFT", -0.01)}));
  const auto r = check_coverage(store, date);
  EXPECT_FALSE(r.has_gap);
  EXPECT_EQ(r.n_buy_candidates, 2);
  EXPECT_EQ(r.n_predictions, 2);
  EXPECT_TRUE(r.signals_present);
  EXPECT_TRUE(r.predictions_present);
}

TEST_F(CoverageCheck, PartialCoverageListsMissingSortedUpperCase) {
  test::put_signals(store, signals_key(date), make_signals(date, {"ZTS", "AAPL", "MSFT", "BRK.B"}));
  test::put_predictions(store, predictions_key(date), make_predictions(date, {row("MSFT", 0.01)}));
  const auto r = check_coverage(store, date);
  EXPECT_TRUE(r.has_gap);
  EXPECT_EQ(r.missing_tickers, (std::vector<std::string>{"AAPL", "BRK.B", "ZTS"}));
  EXPECT_EQ(r.missing_count, 3);
  EXPECT_EQ(r.n_buy_candidates, 4);
  EXPECT_EQ(r.n_predictions, 1);
}

TEST_F(CoverageCheck, FallsBackToLatestSignals) {
  const auto saturday = core::parse_date("2026-04-18");
  test::put_signals(store, kLatestSignalsKey, make_signals(saturday, {"AAPL", "NVDA"}));
  test::put_predictions(store, predictions_key(date), make_predictions(date, {row("AAPL", 0.01)}));
  const auto r = check_coverage(store, date);
  EXPECT_TRUE(r.signals_present);
  EXPECT_EQ(r.missing_tickers, std::vector<std::string>{"NVDA"});
}

TEST_F(CoverageCheck, DatedSignalsWinOverLatest) {
  test::put_signals(store, kLatestSignalsKey, make_signals(date, {"NVDA"}));
  test::put_signals(store, signals_key(date), make_signals(date, {"AAPL"}));
  test::put_predictions(store, predictions_key(date), make_predictions(date, {row("AAPL", 0.01)}));
  EXPECT_FALSE(check_coverage(store, date).has_gap);
}

TEST_F(CoverageCheck, NoSignalsMeansNoGap) {
  test::put_predictions(store, predictions_key(date), make_predictions(date, {row("AAPL", 0.01)}));
  const auto r = check_coverage(store, date);
  EXPECT_FALSE(r.has_gap);
  EXPECT_FALSE(r.signals_present);
  EXPECT_EQ(r.n_buy_candidates, 0);
}

TEST_F(CoverageCheck, NoPredictionsMeansEveryCandidateMissing) {
  test::put_signals(store, signals_key(date), make_signals(date, {"MSFT", "AAPL"}));
  const auto r = check_coverage(store, date);
  EXPECT_TRUE(r.has_gap);
  EXPECT_FALSE(r.predictions_present);
  EXPECT_EQ(r.missing_tickers, (std::vector<std::string>{"AAPL", "MSFT"}));
}

TEST_F(CoverageCheck, ReadsTheDatedPredictionsNotLatest) {
  test::put_signals(store, signals_key(date), make_signals(date, {"AAPL"}));
  test::put_predictions(store, kLatestPredictionsKey, make_predictions(date, {row("AAPL", 0.01)}));
  EXPECT_TRUE(check_coverage(store, date).has_gap);
}

TEST_F(CoverageCheck, CorruptPredictionsFileIsAnErrorNotAbsence) {
  test::put_signals(store, signals_key(date), make_signals(date, {"AAPL"}));
  store.put(predictions_key(date), "{not json");
  EXPECT_THROW(check_coverage(store, date), core::InvalidInput);
}

TEST_F(CoverageCheck, CommandPrintsTheResultObject) {
  core::FileSystemStore home_store(dir.path() / "home" / "store");
  test::put_signals(home_store, signals_key(date), make_signals(date, {"MSFT", "AAPL"}));
  test::put_predictions(home_store, predictions_key(date),
                        make_predictions(date, {row("MSFT", 0.01)}));
  const auto result = ae::test::run_ae("coverage --date 2026-04-20", dir.path() / "home");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto j = nlohmann::json::parse(result.out);
  EXPECT_EQ(j, (nlohmann::json{{"date", "2026-04-20"},
                               {"missing_tickers", {"AAPL"}},
                               {"missing_count", 1},
                               {"n_buy_candidates", 2},
                               {"n_predictions", 1},
                               {"has_gap", true},
                               {"signals_present", true},
                               {"predictions_present", true}}));
}

TEST_F(CoverageCheck, CommandFailsOnAStoreErrorOtherThanNotFound) {
  core::FileSystemStore home_store(dir.path() / "home" / "store");
  test::put_signals(home_store, signals_key(date), make_signals(date, {"AAPL"}));
  home_store.put(predictions_key(date), "[]");
  const auto result = ae::test::run_ae("coverage --date 2026-04-20", dir.path() / "home");
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("error:"), std::string::npos);
}

}  // namespace
}  // namespace ae::predictor
