#include "executor/planning/coverage_guard.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "executor/errors.h"

namespace ae::executor {
namespace {

core::Signals signals_with(std::vector<std::string> buy) {
  core::Signals s;
  s.date = core::parse_date("2026-04-20");
  for (auto& t : buy) {
    core::SignalEntry e;
    e.ticker = t;
    e.signal = core::SignalAction::kEnter;
    s.buy_candidates.push_back(e);
  }
  return s;
}

core::Predictions predictions_for(std::vector<std::string> tickers) {
  core::Predictions p;
  p.date = core::parse_date("2026-04-20");
  for (auto& t : tickers) {
    core::Prediction row;
    row.ticker = t;
    p.predictions.push_back(row);
  }
  return p;
}

const core::Timestamp kNow = core::parse_timestamp("2026-04-20T12:00:00Z");

void expect_metric(const core::RecordingMetricSink& sink, double value) {
  const auto data = sink.data();
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(data[0].name_space, "AlphaEngine/Predictor");
  EXPECT_EQ(data[0].name, "unscored_buy_candidates_count");
  EXPECT_EQ(data[0].unit, "Count");
  EXPECT_TRUE(data[0].dimensions.empty());
  EXPECT_DOUBLE_EQ(data[0].value, value);
}

TEST(CoverageGuard, NoGapPassesAndEmitsZero) {
  core::RecordingMetricSink sink;
  EXPECT_NO_THROW(assert_predictions_cover_buy_candidates(
      signals_with({"AAPL", "MSFT"}), predictions_for({"AAPL", "MSFT", "XOM"}), sink, kNow));
  expect_metric(sink, 0);
}

TEST(CoverageGuard, EmptyBuyListPassesAndEmitsZero) {
  core::RecordingMetricSink sink;
  EXPECT_NO_THROW(
      assert_predictions_cover_buy_candidates(signals_with({}), std::nullopt, sink, kNow));
  expect_metric(sink, 0);
}

TEST(CoverageGuard, OneMissingThrowsNamingItAndEmitsOne) {
  core::RecordingMetricSink sink;
  try {
    assert_predictions_cover_buy_candidates(signals_with({"AAPL", "PLTR"}),
                                            predictions_for({"AAPL"}), sink, kNow);
    FAIL() << "expected UnscoredBuyCandidatesError";
  } catch (const UnscoredBuyCandidatesError& e) {
    EXPECT_EQ(e.name(), "UnscoredBuyCandidatesError");
    EXPECT_EQ(e.missing(), std::vector<std::string>{"PLTR"});
    EXPECT_EQ(e.n_buy(), 2);
    EXPECT_EQ(e.n_predictions(), 1);
    EXPECT_NE(std::string(e.what()).find("1 of 2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("Missing: PLTR"), std::string::npos) << e.what();
  }
  expect_metric(sink, 1);
}

TEST(CoverageGuard, AllMissingListsThemSorted) {
  core::RecordingMetricSink sink;
  try {
    assert_predictions_cover_buy_candidates(signals_with({"ZS", "AMD", "NVDA"}),
                                            predictions_for({"XOM"}), sink, kNow);
    FAIL();
  } catch (const UnscoredBuyCandidatesError& e) {
    EXPECT_EQ(e.missing(), (std::vector<std::string>{"AMD", "NVDA", "ZS"}));
    EXPECT_NE(std::string(e.what()).find("AMD, NVDA, ZS"), std::string::npos);
  }
  expect_metric(sink, 3);
}

TEST(CoverageGuard, TickersCompareCaseInsensitively) {
  core::RecordingMetricSink sink;
  EXPECT_NO_THROW(assert_predictions_cover_buy_candidates(
      signals_with({"aapl", "Msft"}), predictions_for({"AAPL", "msft"}), sink, kNow));
  expect_metric(sink, 0);
}

TEST(CoverageGuard, MissingPredictionsFileMeansEveryCandidateIsUnscored) {
  core::RecordingMetricSink sink;
  EXPECT_THROW(assert_predictions_cover_buy_candidates(signals_with({"AAPL", "MSFT"}), std::nullopt,
                                                       sink, kNow),
               UnscoredBuyCandidatesError);
  expect_metric(sink, 2);
}

class FailingSink final : public core::MetricSink {
 public:
  void put_metric(const core::MetricDatum&) override { throw core::IoError("sink down"); }
};

TEST(CoverageGuard, FailingMetricSinkNeitherBlocksAPassNorMasksAGap) {
  FailingSink sink;
  EXPECT_NO_THROW(assert_predictions_cover_buy_candidates(signals_with({"AAPL"}),
                                                          predictions_for({"AAPL"}), sink, kNow));
  EXPECT_THROW(assert_predictions_cover_buy_candidates(signals_with({"AAPL"}), predictions_for({}),
                                                       sink, kNow),
               UnscoredBuyCandidatesError);
}

}  // namespace
}  // namespace ae::executor
