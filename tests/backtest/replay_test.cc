// The replay over inputs prepared by the live research and predictor code:
// it trades, records its guards, caches its workspace, refuses bad spans with
// clear messages, reuses the home's stored fold models without writing them,
// and - the property a backtest is worth nothing without - changing any bar
// after day t leaves every decision up to t unchanged.
#include "backtest/replay.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "backtest/day_step.h"
#include "backtest/decision_history.h"
#include "core/error.h"
#include "executor/risk_config.h"
#include "predictor/parameters.h"
#include "predictor/store_keys.h"
#include "predictor/training_run.h"
#include "research/research_parameters.h"
#include "support/market_support.h"
#include "support/test_support.h"

namespace ae::backtest {
namespace {

const core::Date kEnd = core::parse_date("2026-06-30");

core::ParameterSet small_predictor_parameters() {
  auto p = predictor::predictor_parameters();
  p.apply_yaml_text(
      "training:\n  max_rounds: 30\n  early_stopping_rounds: 10\n  min_train_days: 252\n"
      "xgboost:\n  min_child_weight: 20\n  max_depth: 3\n  eta: 0.1\n",
      "test");
  return p;
}

struct ReplayRun {
  PreparedInputs prepared;
  BacktestResult result;
};

class Replay : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ae::test::TempDir();
    ae::test::write_simulated_market(dir_->path() / "market", 50, 2, 7, kEnd);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  core::ParameterSet research = research::research_parameters();
  core::ParameterSet predictor = small_predictor_parameters();
  executor::RiskConfig config;

  PrepareOptions options(const std::filesystem::path& state, core::Date from, core::Date to) {
    PrepareOptions o;
    o.from = from;
    o.to = to;
    o.workspaces = state;
    o.research_parameters = &research;
    o.predictor_parameters = &predictor;
    o.retrain_every_days = 20;
    return o;
  }

  ReplayRun run(const std::filesystem::path& market_root, const std::filesystem::path& state,
                core::Date from, core::Date to) {
    const market::BarStore bars(market_root);
    const SeriesCache series(bars);
    ReplayRun r{prepare_decision_inputs(series, options(state, from, to)), {}};
    ReplayOptions replay_options;
    replay_options.config = config;
    r.result = replay(r.prepared.inputs, replay_options);
    r.prepared.inputs.series = nullptr;  // the cache dies with this scope
    return r;
  }

  static ae::test::TempDir* dir_;
  ae::test::TempDir scratch;
};
ae::test::TempDir* Replay::dir_ = nullptr;

const core::Date kFrom = core::parse_date("2026-04-01");
const core::Date kTo = core::parse_date("2026-05-29");

TEST_F(Replay, TradesWithTheLiveCodeAndRecordsEveryDay) {
  const auto r = run(dir_->path() / "market", scratch.path() / "state", kFrom, kTo);
  const auto& result = r.result;
  ASSERT_EQ(result.dates.size(), r.prepared.inputs.days.size() + 1);
  EXPECT_EQ(result.nav.front(), config.initial_cash);
  EXPECT_GE(r.prepared.model_versions.size(), 2u);  // retrained every 20 sessions
  int enters = 0;
  for (const auto& fill : result.fills) {
    EXPECT_GT(fill.shares, 0);
    EXPECT_GT(fill.price, 0);
    enters += fill.action == "ENTER";
  }
  EXPECT_GT(enters, 0) << "nothing was bought in two months";
  for (std::size_t i = 0; i < result.nav.size(); ++i) {
    EXPECT_TRUE(std::isfinite(result.nav[i]));
    EXPECT_TRUE(std::isfinite(result.spy_close[i]));
  }
  // Every day that had signals had predictions (or a recorded refusal).
  for (const auto& day : r.prepared.inputs.days) {
    if (!day.signals || day.predictions) continue;
    const bool recorded = std::any_of(r.prepared.firings.begin(), r.prepared.firings.end(),
                                      [&](const GuardFiring& f) { return f.date == day.date; });
    EXPECT_TRUE(recorded) << core::format_date(day.date);
  }
}

TEST_F(Replay, ChangingBarsAfterDayTChangesNoDecisionUpToT) {
  const core::Date t = core::parse_date("2026-04-30");
  ae::test::TempDir copy;
  std::filesystem::copy(dir_->path() / "market", copy.path() / "market",
                        std::filesystem::copy_options::recursive);
  ae::test::perturb_bars_after(copy.path() / "market", t, 5);

  const auto a = run(dir_->path() / "market", scratch.path() / "a", kFrom, kTo);
  const auto b = run(copy.path() / "market", scratch.path() / "b", kFrom, kTo);

  // Predictions for every day whose morning is on or before t+1 (features of t).
  std::size_t compared_days = 0;
  for (std::size_t d = 0; d < a.prepared.inputs.days.size(); ++d) {
    const auto& da = a.prepared.inputs.days[d];
    const auto& db = b.prepared.inputs.days[d];
    if (da.as_of > t) break;
    ASSERT_EQ(static_cast<bool>(da.predictions), static_cast<bool>(db.predictions));
    ASSERT_EQ(static_cast<bool>(da.signals), static_cast<bool>(db.signals));
    if (da.signals) {
      EXPECT_EQ(nlohmann::json(*da.signals), nlohmann::json(*db.signals))
          << core::format_date(da.date);
    }
    if (da.predictions) {
      EXPECT_EQ(nlohmann::json(da.predictions->predictions),
                nlohmann::json(db.predictions->predictions))
          << core::format_date(da.date);
    }
    ++compared_days;
  }
  EXPECT_GT(compared_days, 15u);

  // Every fill and NAV up to t.
  auto until_t = [&](const std::vector<Fill>& fills) {
    std::vector<std::string> out;
    for (const auto& f : fills)
      if (f.date <= t)
        out.push_back(fmt::format("{} {} {} {} {:.4f} {:.2f}", core::format_date(f.date), f.ticker,
                                  f.action, f.shares, f.price, f.commission));
    return out;
  };
  EXPECT_FALSE(until_t(a.result.fills).empty());
  // The default construction is covered: benchmark-relative, with its SPY
  // sleeve traded before t.
  ASSERT_TRUE(config.benchmark_relative);
  EXPECT_TRUE(std::any_of(a.result.fills.begin(), a.result.fills.end(),
                          [&](const Fill& f) { return f.ticker == "SPY" && f.date <= t; }));
  EXPECT_EQ(until_t(a.result.fills), until_t(b.result.fills));
  for (std::size_t i = 0; i < a.result.dates.size() && a.result.dates[i] <= t; ++i)
    EXPECT_DOUBLE_EQ(a.result.nav[i], b.result.nav[i]) << core::format_date(a.result.dates[i]);

  // The orders of t+1 were decided from data up to t: the same tickers and
  // actions, filled or rejected (they execute at t+1's perturbed open, so
  // prices differ, and a buy may then find too little cash).
  auto decided_on = [](const BacktestResult& r, core::Date date) {
    std::set<std::string> out;
    for (const auto& f : r.fills)
      if (f.date == date && f.action != "STOP") out.insert(f.ticker + " " + f.action);
    for (const auto& x : r.rejections)
      if (x.date == date) out.insert(x.ticker + " " + x.action);
    return out;
  };
  const auto& days = a.prepared.inputs.days;
  const auto next =
      std::find_if(days.begin(), days.end(), [&](const DecisionDay& day) { return day.date > t; });
  ASSERT_NE(next, days.end());
  EXPECT_EQ(decided_on(a.result, next->date), decided_on(b.result, next->date));

  // And the perturbation did reach the run after t (the test can fail).
  EXPECT_NE(a.result.nav.back(), b.result.nav.back());
}

TEST_F(Replay, TheWorkspaceIsACacheAndAReRunIsIdentical) {
  const auto first = run(dir_->path() / "market", scratch.path() / "state", kFrom, kTo);
  const auto second = run(dir_->path() / "market", scratch.path() / "state", kFrom, kTo);
  EXPECT_EQ(first.prepared.workspace, second.prepared.workspace);
  EXPECT_LT(second.prepared.training_seconds, first.prepared.training_seconds);
  EXPECT_EQ(first.result.nav, second.result.nav);
  EXPECT_EQ(first.result.fills.size(), second.result.fills.size());
}

// The drawdown's peak is the highest NAV of the last drawdown_peak_window_days
// sessions: a book halted by the circuit breaker and sitting in cash is
// released once its old peak leaves the window (an all-time peak would halt
// it forever).
TEST_F(Replay, AHaltedAllCashBookIsReleasedWhenItsPeakLeavesTheWindow) {
  const market::BarStore bars(dir_->path() / "market");
  const SeriesCache series(bars);
  config.drawdown_peak_window_days = 5;
  const auto models = executor::default_execution_models(config);
  BookState book = opening_book(1'000'000);
  book.recent_navs = {1'200'000};  // a 17% drawdown: the breaker (6%) halts entries
  book.peak_nav = 1'200'000;
  const auto& calendar = bars.calendar();
  auto index = calendar.index_of(kFrom);
  for (int session = 1; session <= 5; ++session, ++index) {
    DecisionDay day;
    day.date = calendar.date_at(index);
    day.as_of = calendar.date_at(index - 1);
    const DayMarket market(series, day, {"SPY"});
    const auto result = step_day(book, market, day, std::nullopt, series, config, models);
    EXPECT_DOUBLE_EQ(result.nav, 1'000'000);
    EXPECT_DOUBLE_EQ(*book.peak_nav, session < 5 ? 1'200'000 : 1'000'000) << session;
  }
  EXPECT_EQ(book.recent_navs.size(), 5u);
}

// A holding whose bars stop as it leaves the universe (a delisting) is sold
// at its last close at that day's close, as live EOD books it; the next
// morning plans under the held data gate (it used to refuse every plan from
// then on: docs/backtest.md).
TEST_F(Replay, AHoldingThatStopsTradingAsItLeavesTheUniverseIsSoldAtItsLastClose) {
  std::filesystem::copy(dir_->path() / "market", scratch.path() / "market",
                        std::filesystem::copy_options::recursive);
  market::BarStore bars(scratch.path() / "market");
  const auto& calendar = bars.calendar();
  const auto last = calendar.date_at(calendar.index_of(kFrom) + 1);
  const auto day1 = calendar.date_at(calendar.index_of(last) + 1);
  const auto day2 = calendar.date_at(calendar.index_of(day1) + 1);
  auto universe = bars.read_universe();
  const auto trading =
      std::find_if(universe.constituents.begin(), universe.constituents.end(), [&](const auto& c) {
        return c.member_on(day2) &&
               std::isfinite(bars.read(c.ticker).value_on(market::Field::kClose, kFrom));
      });
  ASSERT_NE(trading, universe.constituents.end());
  auto& gone = *trading;
  auto series = bars.read(gone.ticker).to_series();
  series.resize(static_cast<std::size_t>(calendar.index_of(last) - series.start_index + 1));
  bars.write(gone.ticker, series);
  for (auto& m : gone.memberships) m.removed = day1;
  bars.write_universe(universe);
  const double last_close = bars.read(gone.ticker).value_on(market::Field::kClose, last);
  ASSERT_TRUE(std::isfinite(last_close));

  const SeriesCache cache(bars);
  config.held_data_gate = true;
  const auto models = executor::default_execution_models(config);
  BookState book = opening_book(900'000);
  book.holdings[gone.ticker] = {gone.ticker, 1000, last_close, kFrom};
  const auto signals = std::make_shared<core::Signals>();
  auto step = [&](core::Date date) {
    DecisionDay day;
    day.date = date;
    day.as_of = calendar.date_at(calendar.index_of(date) - 1);
    signals->date = day.as_of;
    day.signals = signals;
    const auto symbols = executor::planner_symbols(plan_sources(book, day, cache, config));
    return step_day(book, DayMarket(cache, day, symbols), day, std::nullopt, cache, config, models);
  };
  const auto first = step(day1);
  EXPECT_FALSE(first.guard) << first.guard->message;  // planned from `last`: still fresh
  EXPECT_FALSE(book.holdings.count(gone.ticker));
  const auto sale = std::find_if(first.fills.begin(), first.fills.end(),
                                 [&](const Fill& f) { return f.ticker == gone.ticker; });
  ASSERT_NE(sale, first.fills.end());
  EXPECT_EQ(sale->action, "EXIT");
  EXPECT_EQ(sale->shares, 1000);
  EXPECT_DOUBLE_EQ(sale->price, last_close);
  EXPECT_DOUBLE_EQ(sale->commission, 0);
  EXPECT_EQ(sale->reason.rfind("delisted", 0), 0u) << sale->reason;
  const auto second = step(day2);
  EXPECT_FALSE(second.guard) << second.guard->message;
  EXPECT_TRUE(second.plan);
}

// Splits and dividends are in the adjusted closes (the factor steps): a
// holding's value moves with the adjusted close across the step, never by
// the raw price's jump.
TEST_F(Replay, AHoldingKeepsItsValueThroughASplitOrADividend) {
  const market::BarStore bars(dir_->path() / "market");
  const SeriesCache cache(bars);
  const auto& calendar = bars.calendar();
  std::string ticker;
  core::Date step_day_date;
  for (const auto& symbol : bars.symbols()) {
    const auto view = bars.read(symbol);
    const auto factor = view.field(market::Field::kFactor);
    for (auto d = calendar.index_of(kFrom); d < calendar.index_of(kTo) && ticker.empty(); ++d) {
      const auto row = view.row_of(calendar.date_at(d));
      if (!row || *row == 0 || std::isnan(view.field(market::Field::kClose)[*row]) ||
          std::isnan(view.field(market::Field::kClose)[*row - 1]))
        continue;
      if (factor[*row] != factor[*row - 1]) {
        ticker = symbol;
        step_day_date = calendar.date_at(d);
      }
    }
    if (!ticker.empty()) break;
  }
  ASSERT_FALSE(ticker.empty()) << "no split or dividend in the span";
  const auto view = bars.read(ticker);
  const auto before = calendar.date_at(calendar.index_of(step_day_date) - 1);
  const double close_before = view.value_on(market::Field::kClose, before);
  const double close_after = view.value_on(market::Field::kClose, step_day_date);
  const double raw_before = close_before / view.value_on(market::Field::kFactor, before);
  const double raw_after = close_after / view.value_on(market::Field::kFactor, step_day_date);
  const auto models = executor::default_execution_models(config);
  BookState book = opening_book(0);
  book.holdings[ticker] = {ticker, 100, close_before, kFrom};
  std::vector<double> navs;
  for (const auto date : {before, step_day_date}) {
    DecisionDay day;
    day.date = date;
    day.as_of = calendar.date_at(calendar.index_of(date) - 1);
    navs.push_back(
        step_day(book, DayMarket(cache, day, {ticker}), day, std::nullopt, cache, config, models)
            .nav);
  }
  EXPECT_NEAR(navs[1] - navs[0], 100 * (close_after - close_before), 1e-6);
  EXPECT_NE(raw_after / raw_before, close_after / close_before);  // the raw price jumped
}

TEST_F(Replay, BadSpansAreRefusedWithClearMessages) {
  const market::BarStore bars(dir_->path() / "market");
  const SeriesCache series(bars);
  auto expect_message = [&](core::Date from, core::Date to, const std::string& words) {
    try {
      prepare_decision_inputs(series, options(scratch.path(), from, to));
      ADD_FAILURE() << "accepted " << core::format_date(from) << " .. " << core::format_date(to);
    } catch (const core::InvalidInput& error) {
      EXPECT_NE(std::string(error.what()).find(words), std::string::npos) << error.what();
    }
  };
  expect_message(kTo, kFrom, "empty");
  expect_message(core::parse_date("2026-05-02"), core::parse_date("2026-05-03"), "no trading day");
  expect_message(core::parse_date("2024-09-03"), kTo, "sessions of stock history before it");
  expect_message(kFrom, core::parse_date("2026-09-30"), "market data ends");
  EXPECT_THROW(replay(DecisionInputs{}, {}), core::InvalidInput);
}

// A collection whose index series starts years before its stocks (the real
// S&P 500 set: SPY from 2010, the stocks from 2012-12): the history a first
// model needs is counted from the stocks, so a span the index alone would
// allow is refused (or, without --from, SKIPPED) instead of failing training.
TEST_F(Replay, HistoryIsCountedFromTheStocksNotTheIndex) {
  const auto copy = scratch.path() / "young-stocks";
  std::filesystem::copy(dir_->path() / "market", copy, std::filesystem::copy_options::recursive);
  market::BarStore bars(copy);
  const SeriesCache before(bars);
  const auto from = kFrom;
  ASSERT_FALSE(history_shortfall(before, from, predictor)) << "the fixture is too young already";
  const auto listed = core::parse_date("2025-01-02");
  for (const auto& member : bars.read_universe().constituents) {
    const auto view = bars.read(member.ticker);
    std::vector<market::Bar> kept;
    for (std::size_t r = 0; r < view.size(); ++r)
      if (const auto bar = view.bar(r); bar.date >= listed && !bar.missing()) kept.push_back(bar);
    bars.write(member.ticker, market::series_from_bars(kept, bars.calendar(), member.ticker));
  }
  const SeriesCache after(bars);
  const auto reason = history_shortfall(after, from, predictor);
  ASSERT_TRUE(reason.has_value());
  EXPECT_NE(reason->find("stock history"), std::string::npos) << *reason;
  EXPECT_NE(reason->find("from 2025-01-02"), std::string::npos) << *reason;
}

TEST_F(Replay, TheHomesStoredFoldsAreReusedAndNeverWritten) {
  const market::BarStore bars(dir_->path() / "market");
  const SeriesCache series(bars);
  // The weekly training in the home: its fold models are stored there.
  core::FileSystemStore home(scratch.path() / "home");
  const core::VirtualClock clock(core::parse_timestamp("2026-06-01T12:00:00Z"));
  predictor::TrainingRequest weekly;
  weekly.to = kTo;
  predictor::run_training(bars, home, clock, predictor, weekly);
  const auto stored = home.list(predictor::kFoldModelsPrefix);
  ASSERT_FALSE(stored.empty());
  std::map<std::string, std::string> before;
  for (const auto& key : stored) before[key] = home.get(key);

  const auto alone = prepare_decision_inputs(series, options(scratch.path() / "alone", kFrom, kTo));
  auto with_home = options(scratch.path() / "with-home", kFrom, kTo);
  with_home.home_store = &home;
  const auto shared = prepare_decision_inputs(series, with_home);

  EXPECT_GT(shared.reused_folds, alone.reused_folds);
  EXPECT_EQ(shared.model_versions, alone.model_versions);
  ASSERT_EQ(shared.inputs.days.size(), alone.inputs.days.size());
  for (std::size_t d = 0; d < alone.inputs.days.size(); ++d) {
    const auto &a = alone.inputs.days[d].predictions, &b = shared.inputs.days[d].predictions;
    ASSERT_EQ(a == nullptr, b == nullptr) << d;
    if (!a) continue;
    ASSERT_EQ(a->predictions.size(), b->predictions.size());
    for (std::size_t i = 0; i < a->predictions.size(); ++i)
      EXPECT_EQ(a->predictions[i].predicted_alpha, b->predictions[i].predicted_alpha);
  }
  std::map<std::string, std::string> after;
  for (const auto& key : home.list(predictor::kFoldModelsPrefix)) after[key] = home.get(key);
  EXPECT_EQ(after, before);
}

}  // namespace
}  // namespace ae::backtest
