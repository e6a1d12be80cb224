#include "executor/planning/candidate_ranking.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/parameters.h"
#include "executor/risk_parameters.h"
#include "flat_history.h"

namespace ae::executor {
namespace {

const core::Date kDay = core::parse_date("2026-04-20");

core::Prediction prediction(const std::string& ticker, double alpha, bool veto = false) {
  core::Prediction p;
  p.ticker = ticker;
  p.predicted_alpha = alpha;
  p.prediction_confidence = 0.6;
  p.gbm_veto = veto;
  return p;
}

PriceHistory flat(int bars, double price) {
  return testing::flat_history(core::add_days(kDay, -1), bars, price);
}

// A day's part as the backtest builds it: every value shared, with 12
// predicted stocks in two sectors, one unpriced, one priced at zero, one
// without an ATR, and SPY.
struct Day {
  core::Signals signals;
  PriceHistories histories;
  PlanInput in;

  Day() {
    signals.date = kDay;
    PredictionsByTicker predictions;
    TickerValues<double>::Map prices, atr;
    TickerValues<std::string>::Map sectors;
    for (int i = 0; i < 12; ++i) {
      const std::string ticker = std::string("S") + static_cast<char>('A' + i);
      // Two pairs share an alpha: ties go by ticker.
      predictions[ticker] = prediction(ticker, 0.001 * (i / 2 * 2 == i ? i : i - 1), i == 7);
      if (i != 3) prices[ticker] = 50 + i;
      if (i == 4) prices[ticker] = 0;
      if (i != 5) atr[ticker] = 0.01 + 0.001 * i;
      sectors[ticker] = i % 3 == 0 ? "Energy" : "Technology";
      histories[ticker] = flat(40, 50 + i);
    }
    predictions["SPY"] = prediction("SPY", 0.5);
    prices["SPY"] = 400;
    atr["SPY"] = 0.01;
    histories["SPY"] = flat(40, 400);
    in.run_date = kDay;
    in.signals = &signals;
    in.histories = &histories;
    in.predictions = std::make_shared<const PredictionsByTicker>(std::move(predictions));
    in.prices = TickerValues<double>(std::move(prices));
    in.atr_pct = TickerValues<double>(std::move(atr));
    in.sector_of = TickerValues<std::string>(std::move(sectors));
    in.portfolio.cash = 1e6;
    in.portfolio.nav = 1e6;
    in.peak_nav = 1e6;
    in.candidates = std::make_shared<const CandidateRanking>(in);
  }

  // A book's input: the day's part plus a holding's values, as
  // assemble_book_input sets them.
  PlanInput book(const std::string& held, double price) const {
    PlanInput b = in;
    b.portfolio.positions.push_back(
        {held, 100, price, 100 * price, core::add_days(kDay, -30), "Energy", 60.0, std::nullopt});
    b.portfolio.cash -= 100 * price;
    b.prices.set(held, price);
    b.atr_pct.set(held, *in.atr_pct.find(held));
    b.sector_of.set(held, "Energy");
    return b;
  }
};

std::vector<std::string> ranked_tickers(const CandidateRanking& ranking) {
  std::vector<std::string> out;
  for (const auto* c : ranking.ranked()) out.push_back(c->ticker);
  return out;
}

TEST(CandidateRanking, RanksThePricedPredictedStocksByAlphaThenTicker) {
  const Day day;
  const auto& ranking = *day.in.candidates;
  // SD (no price), SE (price 0), SF (no ATR) and SPY are not candidates.
  EXPECT_EQ(ranked_tickers(ranking),
            (std::vector<std::string>{"SK", "SL", "SI", "SJ", "SG", "SH", "SC", "SA", "SB"}));
  for (std::size_t i = 0; i < ranking.ranked().size(); ++i) EXPECT_EQ(ranking.ranked()[i]->rank, i);
  const auto* sk = ranking.find("SK");
  ASSERT_NE(sk, nullptr);
  EXPECT_EQ(sk->price, 60);
  EXPECT_DOUBLE_EQ(sk->atr_pct, 0.02);
  EXPECT_EQ(sk->sector, "Technology");
  EXPECT_EQ(ranking.find("SD"), nullptr);
  EXPECT_EQ(ranking.find("SPY"), nullptr);
  // SA, SG, SJ are Energy among the nine.
  EXPECT_DOUBLE_EQ(ranking.sector_share("Energy"), 3.0 / 9);
  EXPECT_DOUBLE_EQ(ranking.sector_share("Technology"), 6.0 / 9);
  EXPECT_EQ(ranking.sector_share("Utilities"), 0);
}

TEST(CandidateRanking, ServesEveryBookWhoseHoldingsLeaveTheCandidatesAsTheyAre) {
  const Day day;
  EXPECT_TRUE(day.in.candidates->holds_for(day.in));
  // A holding valued as the day values it stores nothing of its own.
  const auto same = day.book("SG", 56);
  EXPECT_TRUE(same.prices.own().empty());
  EXPECT_TRUE(day.in.candidates->holds_for(same));
  EXPECT_EQ(ranking_for(same), day.in.candidates);
}

TEST(CandidateRanking, RanksABookItsOwnWayWhenAHoldingChangesACandidate) {
  const Day day;
  // SD has no price in the day's part; the book holds it at 53: a candidate.
  const auto priced = day.book("SD", 53);
  EXPECT_FALSE(day.in.candidates->holds_for(priced));
  const auto own = ranking_for(priced);
  EXPECT_NE(own, day.in.candidates);
  ASSERT_NE(own->find("SD"), nullptr);
  EXPECT_EQ(own->ranked().size(), 10u);
  EXPECT_TRUE(own->holds_for(priced));
  // Another price for a candidate: its own ranking, at its price.
  const auto repriced = day.book("SG", 70);
  EXPECT_FALSE(day.in.candidates->holds_for(repriced));
  EXPECT_EQ(ranking_for(repriced)->find("SG")->price, 70);
  // Other predictions: never the day's ranking.
  auto other = day.in;
  other.predictions = std::make_shared<const PredictionsByTicker>(*day.in.predictions);
  EXPECT_FALSE(day.in.candidates->holds_for(other));
}

TEST(CandidateRanking, ABookPlansTheSameWithTheDaysRankingAsWithItsOwn) {
  const Day day;
  auto config = profile_risk_config(core::kDefaultProfile);
  ASSERT_TRUE(config.benchmark_relative);
  config.max_names = 4;
  for (const auto& [held, price] : std::vector<std::pair<std::string, double>>{
           {"SG", 56}, {"SG", 70}, {"SD", 53}, {"SA", 50}}) {
    auto shared = day.book(held, price);
    auto alone = shared;
    alone.candidates = nullptr;
    const auto with_day = plan_day(shared, config);
    const auto by_itself = plan_day(alone, config);
    EXPECT_EQ(with_day.book, by_itself.book) << held << " at " << price;
    EXPECT_FALSE(with_day.book.approved_entries.empty());
    ASSERT_EQ(with_day.blocked.size(), by_itself.blocked.size());
    for (std::size_t i = 0; i < with_day.blocked.size(); ++i)
      EXPECT_EQ(with_day.blocked[i].block_reason, by_itself.blocked[i].block_reason);
  }
}

}  // namespace
}  // namespace ae::executor
