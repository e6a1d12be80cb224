#include "predictor/prediction_writer.h"

#include <gtest/gtest.h>

#include "core/contracts/contract.h"
#include "core/repeated_warnings.h"
#include "fixtures.h"
#include "predictor/errors.h"
#include "predictor/store_keys.h"
#include "support/captured_log.h"
#include "support/test_support.h"

namespace ae::predictor {
namespace {

using test::make_predictions;
using test::make_signals;
using test::row;

class Writer : public ::testing::Test {
 protected:
  ae::test::TempDir dir;
  core::FileSystemStore store{dir.path()};
  core::VirtualClock clock{core::parse_timestamp("2026-04-20T12:00:00Z")};
  core::Date date = core::parse_date("2026-04-20");

  WriteRequest request(std::vector<core::Prediction> rows, bool supplemental = false) {
    WriteRequest r;
    r.date = date;
    r.model_version = "m1";
    r.rows = std::move(rows);
    r.supplemental = supplemental;
    return r;
  }
  std::vector<core::Prediction> healthy(int n) {
    std::vector<core::Prediction> rows;
    for (int i = 0; i < n; ++i) {
      const double alpha = (i % 2 ? 1 : -1) * 0.001 * (i + 1);
      rows.push_back(row("T" + std::to_string(i), alpha, 0.3, alpha > 0 ? 0.65 : 0.35));
    }
    return rows;
  }
};

TEST_F(Writer, WritesDatedLatestAndMetrics) {
  test::put_signals(store, signals_key(date), make_signals(date, {"T1"}));
  const auto result = write_predictions(store, clock, request(healthy(6)));
  EXPECT_EQ(result.predictions.n_predictions, 6);
  const auto dated =
      core::read_contract(store, core::Contract::kPredictions, predictions_key(date));
  const auto latest =
      core::read_contract(store, core::Contract::kPredictions, kLatestPredictionsKey);
  EXPECT_EQ(dated, latest);
  EXPECT_EQ(dated["predictions"][0]["combined_rank"], 1);
  const auto metrics = nlohmann::json::parse(store.get(kMetricsKey));
  EXPECT_EQ(metrics["n_predictions_today"], 6);
  EXPECT_EQ(metrics["last_run_utc"], "2026-04-20T12:00:00Z");
  EXPECT_TRUE(metrics["output_distribution_gate"]["passed"]);
}

TEST_F(Writer, AWriterThatDoesNotPublishWritesTheDatedFileOnly) {
  test::put_signals(store, signals_key(date), make_signals(date, {"T1"}));
  auto unpublished = request(healthy(6));
  unpublished.publish = false;
  const auto result = write_predictions(store, clock, std::move(unpublished));
  EXPECT_EQ(store.get(predictions_key(date)), result.bytes);
  EXPECT_FALSE(store.exists(kLatestPredictionsKey));
  EXPECT_FALSE(store.exists(kMetricsKey));
  // The guard holds all the same.
  test::put_signals(store, signals_key(date), make_signals(date, {"T1", "MISSING"}));
  auto gap = request(healthy(6));
  gap.publish = false;
  EXPECT_THROW(write_predictions(store, clock, std::move(gap)), PipelineHardFail);
}

TEST_F(Writer, GuardRefusesAGapAndWritesNothing) {
  test::put_signals(store, signals_key(date), make_signals(date, {"T1", "MISSING", "ALSO"}));
  try {
    write_predictions(store, clock, request(healthy(6)));
    FAIL() << "expected PipelineHardFail";
  } catch (const PipelineHardFail& e) {
    EXPECT_NE(std::string(e.what()).find("ALSO, MISSING"), std::string::npos) << e.what();
    EXPECT_EQ(PipelineHardFail::name(), "PipelineHardFail");
  }
  EXPECT_FALSE(store.exists(predictions_key(date)));
  EXPECT_FALSE(store.exists(kLatestPredictionsKey));
  EXPECT_FALSE(store.exists(kMetricsKey));
}

TEST_F(Writer, GuardUsesLatestSignalsWhenNoDatedOnes) {
  test::put_signals(store, kLatestSignalsKey, make_signals(date, {"NOPE"}));
  EXPECT_THROW(write_predictions(store, clock, request(healthy(6))), PipelineHardFail);
}

TEST_F(Writer, SignalsTheCallerReadAreTheOnesTheGuardChecks) {
  // predict hands over the signals it has just read: the guard checks those,
  // so a buy candidate without a row still refuses the write.
  const std::optional<core::Signals> signals = make_signals(date, {"T1", "MISSING"});
  auto refused = request(healthy(6));
  refused.signals = &signals;
  EXPECT_THROW(write_predictions(store, clock, std::move(refused)), PipelineHardFail);
  EXPECT_FALSE(store.exists(predictions_key(date)));

  const std::optional<core::Signals> bull = make_signals(date, {"T1"}, core::MarketRegime::kBull);
  auto written = request(healthy(6));
  written.signals = &bull;
  EXPECT_NEAR(write_predictions(store, clock, std::move(written)).veto_threshold, 0.30, 1e-12);
}

TEST_F(Writer, SupplementalMergeNewWinsReRanksAndRecomputesVetoes) {
  // Morning file: 4 rows, B in the bottom half with a veto.
  auto morning = make_predictions(
      date, {row("A", 0.03, 0.5), row("C", 0.01, 0.5), row("B", -0.02, 0.5), row("D", -0.03, 0.5)});
  morning.predictions[2].gbm_veto = true;
  morning.predictions[3].gbm_veto = true;
  test::put_predictions(store, predictions_key(date), morning);
  test::put_signals(store, signals_key(date), make_signals(date, {"A", "B", "E", "F"}));
  // Re-score: B again (now positive, "b" lower-case) and the missing E, F.
  const auto result = write_predictions(
      store, clock,
      request({row("b", 0.02, 0.5), row("E", -0.05, 0.5), row("F", -0.04, 0.1)}, true));
  const auto& rows = result.predictions.predictions;
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(result.merged_from_existing, 4u);
  std::vector<std::string> order;
  for (const auto& r : rows) order.push_back(r.ticker);
  EXPECT_EQ(order, (std::vector<std::string>{"A", "B", "C", "D", "F", "E"}));
  for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i].combined_rank, int(i + 1));
  EXPECT_DOUBLE_EQ(rows[1].predicted_alpha, 0.02);  // new row won
  EXPECT_FALSE(rows[1].gbm_veto);                   // recomputed: B is now positive
  EXPECT_TRUE(rows[3].gbm_veto);                    // D: rank 4 > 3, alpha < 0, conf 0.5
  EXPECT_FALSE(rows[4].gbm_veto);                   // F: confidence 0.1 < 0.2
  EXPECT_TRUE(rows[5].gbm_veto);
  const auto latest =
      core::read_contract(store, core::Contract::kPredictions, kLatestPredictionsKey);
  EXPECT_EQ(latest["n_predictions"], 6);
}

TEST_F(Writer, SupplementalWithoutMorningFileStartsEmpty) {
  const auto result = write_predictions(store, clock, request({row("A", 0.01)}, true));
  EXPECT_EQ(result.predictions.n_predictions, 1);
  EXPECT_EQ(result.merged_from_existing, 0u);
}

TEST_F(Writer, RegimeShiftsTheThreshold) {
  test::put_signals(store, signals_key(date), make_signals(date, {}, core::MarketRegime::kBull));
  const auto result = write_predictions(store, clock, request(healthy(6)));
  EXPECT_NEAR(result.veto_threshold, 0.30, 1e-12);
  EXPECT_EQ(result.predictions.n_high_confidence, 6);  // 0.3 >= 0.3
}

TEST_F(Writer, UnhealthyBatchIsRecordedButWrittenWhenNotBlocking) {
  std::vector<core::Prediction> rows;
  for (int i = 0; i < 10; ++i) rows.push_back(row("T" + std::to_string(i), 0.01 * (i + 1)));
  const auto result = write_predictions(store, clock, request(rows));
  EXPECT_FALSE(result.health.passed);
  EXPECT_EQ(*result.health.failed_check, "sign_skew");
  const auto dated =
      core::read_contract(store, core::Contract::kPredictions, predictions_key(date));
  EXPECT_FALSE(dated["output_distribution_gate"]["passed"]);
}

// Over a run (ae simulate, a backtest) the gate's warning is logged on the
// first day and counted on the others.
TEST_F(Writer, AGateWarningRepeatedWithinARunIsLoggedOnceWithACount) {
  std::vector<core::Prediction> rows;
  for (int i = 0; i < 10; ++i) rows.push_back(row("T" + std::to_string(i), 0.01 * (i + 1)));
  ae::test::CapturedLog log;
  {
    const core::RepeatedWarningScope run;
    for (int day = 0; day < 3; ++day) write_predictions(store, clock, request(rows));
  }
  EXPECT_EQ(log.lines("warning"),
            (std::vector<std::string>{
                "warning predictor: output health gate failed (sign_skew): 100% of alphas share "
                "one sign (limit 97%) (not blocking)",
                "warning predictor: output health gate failed (sign_skew): 2 more time(s) in this "
                "run, the last: 100% of alphas share one sign (limit 97%) (not blocking)"}));
}

TEST_F(Writer, UnhealthyBatchBlocksWhenConfigured) {
  std::vector<core::Prediction> rows;
  for (int i = 0; i < 10; ++i) rows.push_back(row("T" + std::to_string(i), 0.01 * (i + 1)));
  auto r = request(rows);
  r.gate_blocking = true;
  EXPECT_THROW(write_predictions(store, clock, r), PipelineHardFail);
  EXPECT_FALSE(store.exists(predictions_key(date)));
  EXPECT_FALSE(store.exists(kLatestPredictionsKey));
}

TEST(MergePredictions, UnionByUpperCaseTickerNewWins) {
  const auto merged = merge_predictions({row("aapl", 0.01), row("MSFT", 0.02)},
                                        {row("AAPL", -0.01), row("nvda", 0.03)});
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0].ticker, "MSFT");
  EXPECT_EQ(merged[1].ticker, "AAPL");
  EXPECT_DOUBLE_EQ(merged[1].predicted_alpha, -0.01);
  EXPECT_EQ(merged[2].ticker, "NVDA");
}

}  // namespace
}  // namespace ae::predictor
