// The oracle's decisions on a small simulated world: each prediction's alpha
// is the return the planted component is expected to add over 21 sessions
// (kappa x 60-day volatility x oracle score x 21, the volatility measured here
// from the closes), ranks follow that alpha, and the buy candidates are the
// best ranked.
#include "backtest/oracle.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "backtest/oracle_world_fixture.h"
#include "market/synth/planted_signal.h"
#include "market/synth/synthetic_market.h"

namespace ae::backtest {
namespace {

using test_world::oracle_world;

// Standard deviation of the daily log returns over the 60 sessions to `date`,
// NaN when a close is missing.
double volatility_60(const SeriesCache& series, const std::string& ticker, core::Date date) {
  const auto* view = series.find(ticker);
  const auto row = view->row_of(date);
  if (!row || *row < static_cast<std::size_t>(market::synth::kVolatilityDays)) return NAN;
  const auto closes = view->field(market::Field::kClose);
  std::vector<double> returns;
  for (auto k = *row + 1 - market::synth::kVolatilityDays; k <= *row; ++k)
    returns.push_back(std::log(closes[k]) - std::log(closes[k - 1]));
  double mean = 0;
  for (double r : returns) mean += r;
  mean /= static_cast<double>(returns.size());
  double sum = 0;
  for (double r : returns) sum += (r - mean) * (r - mean);
  return std::sqrt(sum / static_cast<double>(returns.size() - 1));
}

// The oracle score of each signal entry whose score is not clamped (the
// signals carry 50 + 15 x score).
std::map<std::string, double> scores_from_signals(const DecisionDay& day) {
  std::map<std::string, double> out;
  for (const auto& e : day.signals->universe)
    if (e.score && *e.score > 0 && *e.score < 100) out[e.ticker] = (*e.score - 50) / 15;
  return out;
}

TEST(Oracle, PredictsThePlantedComponentsExpectedReturnOverItsHorizon) {
  const auto& w = oracle_world();
  ASSERT_FALSE(w.inputs.days.empty());
  const auto& first = w.inputs.days.front();
  const auto score_of = scores_from_signals(first);
  ASSERT_GE(score_of.size(), 20u);
  int checked = 0;
  for (const auto& p : first.predictions->predictions) {
    const auto score = score_of.find(p.ticker);
    if (score == score_of.end()) continue;
    const double vol = volatility_60(*w.series, p.ticker, first.as_of);
    if (!std::isfinite(vol)) continue;
    const double expected =
        market::synth::kDefaultSignalStrength * vol * score->second * market::synth::kOracleHorizon;
    EXPECT_NEAR(p.predicted_alpha, expected, 1e-9 + 1e-6 * std::abs(expected)) << p.ticker;
    ++checked;
  }
  EXPECT_GE(checked, 20);
}

TEST(Oracle, RanksAndBuyCandidatesFollowTheExpectedReturn) {
  const auto& w = oracle_world();
  for (const auto& day : w.inputs.days) {
    const auto& predictions = day.predictions->predictions;
    ASSERT_FALSE(predictions.empty());
    for (std::size_t r = 0; r < predictions.size(); ++r) {
      EXPECT_EQ(predictions[r].combined_rank, static_cast<int>(r) + 1);
      if (r > 0) {
        EXPECT_GE(predictions[r - 1].predicted_alpha, predictions[r].predicted_alpha);
      }
    }
    const auto& buys = day.signals->buy_candidates;
    ASSERT_EQ(buys.size(), static_cast<std::size_t>(OracleOptions{}.n_candidates));
    for (std::size_t r = 0; r < buys.size(); ++r) EXPECT_EQ(buys[r].ticker, predictions[r].ticker);
  }
}

TEST(Oracle, AMoreVolatileStockWithTheSameScoreIsExpectedToEarnMore) {
  // The generator scales the planted drift by each stock's volatility, so the
  // ranking by score alone is not the ranking by expected return.
  const auto& w = oracle_world();
  const auto& first = w.inputs.days.front();
  int reordered = 0;
  const auto& predictions = first.predictions->predictions;
  const auto score_of = scores_from_signals(first);
  for (std::size_t r = 1; r < predictions.size(); ++r) {
    const auto a = score_of.find(predictions[r - 1].ticker);
    const auto b = score_of.find(predictions[r].ticker);
    if (a != score_of.end() && b != score_of.end() && a->second < b->second) ++reordered;
  }
  EXPECT_GT(reordered, 0) << "the ranking by expected return equals the ranking by score";
}

}  // namespace
}  // namespace ae::backtest
