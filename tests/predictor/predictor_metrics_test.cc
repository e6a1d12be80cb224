// The predictor's metrics through core::MetricSink: the output-gate figures
// are recorded whether or not the gate blocks; the batch counts only for a
// written batch; every datum is in AlphaEngine/Predictor at the clock's now.
#include "predictor/predictor_metrics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "fixtures.h"
#include "predictor/errors.h"
#include "predictor/prediction_writer.h"
#include "predictor/store_keys.h"
#include "support/test_support.h"

namespace ae::predictor {
namespace {

using test::row;

std::map<std::string, double> by_name(const core::RecordingMetricSink& sink) {
  std::map<std::string, double> out;
  for (const auto& datum : sink.data()) out[datum.name] = datum.value;
  return out;
}

class Metrics : public ::testing::Test {
 protected:
  ae::test::TempDir dir;
  core::FileSystemStore store{dir.path()};
  core::VirtualClock clock{core::parse_timestamp("2026-04-20T12:00:00Z")};
  core::RecordingMetricSink sink;

  WriteRequest request(std::vector<core::Prediction> rows) {
    WriteRequest r;
    r.date = core::parse_date("2026-04-20");
    r.model_version = "m1";
    r.rows = std::move(rows);
    r.metrics = &sink;
    return r;
  }
};

TEST_F(Metrics, WrittenBatchEmitsGateAndCounts) {
  // 6 rows: 3 negative; the two lowest-ranked (E: -0.04, F: -0.06) are vetoed.
  auto rows = std::vector<core::Prediction>{row("A", 0.03, 0.5),  row("B", 0.02, 0.1),
                                            row("C", 0.01, 0.1),  row("D", -0.01, 0.5),
                                            row("E", -0.04, 0.5), row("F", -0.06, 0.3)};
  rows[0].momentum_veto = true;
  write_predictions(store, clock, request(rows));
  const auto m = by_name(sink);
  EXPECT_EQ(m.at("output_gate_passed"), 1);
  EXPECT_DOUBLE_EQ(m.at("output_gate_alpha_sign_skew"), 0.5);
  EXPECT_EQ(m.at("output_gate_non_finite_alpha_rate"), 0);
  EXPECT_EQ(m.at("predictions_count"), 6);
  EXPECT_EQ(m.at("high_confidence_count"), 4);  // confidence >= 0.20
  EXPECT_EQ(m.at("gbm_veto_count"), 3);         // D, E, F: alpha < 0, rank > 3, conf >= 0.2
  EXPECT_EQ(m.at("momentum_veto_count"), 1);
  EXPECT_DOUBLE_EQ(m.at("veto_threshold"), 0.20);
  EXPECT_NEAR(m.at("mean_confidence"), 2.0 / 6, 1e-12);
  for (const auto& datum : sink.data()) {
    EXPECT_EQ(datum.name_space, "AlphaEngine/Predictor");
    EXPECT_TRUE(datum.dimensions.empty());
    EXPECT_EQ(datum.timestamp, clock.now());
  }
}

TEST_F(Metrics, BlockedGateStillRecordsTheGateButNoBatch) {
  std::vector<core::Prediction> rows;
  for (int i = 0; i < 10; ++i) rows.push_back(row("T" + std::to_string(i), 0.01 * (i + 1)));
  auto r = request(rows);
  r.gate_blocking = true;
  EXPECT_THROW(write_predictions(store, clock, r), PipelineHardFail);
  const auto m = by_name(sink);
  EXPECT_EQ(m.at("output_gate_passed"), 0);
  EXPECT_DOUBLE_EQ(m.at("output_gate_alpha_sign_skew"), 1.0);
  EXPECT_FALSE(m.contains("predictions_count"));
  EXPECT_FALSE(store.exists(kMetricsKey));
}

TEST_F(Metrics, CoverageGapEmitsNothing) {
  test::put_signals(store, signals_key(core::parse_date("2026-04-20")),
                    test::make_signals(core::parse_date("2026-04-20"), {"MISSING"}));
  EXPECT_THROW(write_predictions(store, clock, request({row("A", 0.01)})), PipelineHardFail);
  EXPECT_TRUE(sink.data().empty());
}

TEST(PredictorMetrics, NullSinkIsANoOpAndLatencyAndTrainingHaveUnits) {
  const auto at = core::parse_timestamp("2026-04-20T12:00:00Z");
  emit_inference_latency(nullptr, {0.01, 0.002, 0.05}, at);
  core::RecordingMetricSink sink;
  emit_inference_latency(&sink, {0.01, 0.002, 0.05}, at);
  SignalMetrics overall;
  overall.ic = 0.03;
  overall.rank_ic = 0.04;
  emit_training(&sink, overall, std::nullopt, 90, at);
  std::map<std::string, std::string> unit;
  for (const auto& datum : sink.data()) unit[datum.name] = datum.unit;
  EXPECT_EQ(unit.at("inference_seconds"), "Seconds");
  EXPECT_EQ(unit.at("inference_feature_seconds"), "Seconds");
  EXPECT_EQ(unit.at("training_seconds"), "Seconds");
  EXPECT_EQ(unit.at("training_oos_rank_ic"), "None");
  EXPECT_FALSE(unit.contains("training_oracle_ic_recovered"));
  EXPECT_DOUBLE_EQ(by_name(sink).at("inference_seconds"), 0.05);
  // The training heartbeat the alarms watch.
  const auto data = sink.data();
  const auto heartbeat = std::find_if(data.begin(), data.end(), [](const auto& d) {
    return d.name_space == "AlphaEngine" && d.name == "Heartbeat";
  });
  ASSERT_NE(heartbeat, data.end());
  EXPECT_EQ(heartbeat->dimensions.at("Process"), "predictor-training");
  EXPECT_EQ(heartbeat->value, 1);
}

}  // namespace
}  // namespace ae::predictor
