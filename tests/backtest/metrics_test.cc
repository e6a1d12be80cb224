// Backtest metrics against series small enough to work out by hand; each
// figure's arithmetic is in the comments (docs/backtest-metrics.md has the
// definitions).
#include "backtest/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.h"
#include "support/test_support.h"

namespace ae::backtest {
namespace {

using core::parse_date;

constexpr double kTol = 1e-9;

std::vector<core::Date> dates_from(const char* first, int count) {
  std::vector<core::Date> out;
  for (int i = 0; i < count; ++i) out.push_back(core::add_days(parse_date(first), i));
  return out;
}

// NAV 100 -> 110 -> 99 -> 108.9: returns +10%, -10%, +10%.
// SPY 100 -> 101 -> 102.01 -> 103.0301: +1% every day (no variance).
BacktestResult hand_series() {
  BacktestResult result;
  result.dates = dates_from("2026-01-05", 4);
  result.nav = {100, 110, 99, 108.9};
  result.spy_close = {100, 101, 102.01, 103.0301};
  return result;
}

Fill fill(const char* date, const char* ticker, const char* action, int shares, double price,
          double commission = 0) {
  Fill f;
  f.date = parse_date(date);
  f.ticker = ticker;
  f.action = action;
  f.shares = shares;
  f.price = price;
  f.commission = commission;
  return f;
}

// AAA: ENTER 10 @ 100 (+$1 fee), ENTER 10 @ 110 (avg 105 on 20 shares),
//      REDUCE 5 @ 120, EXIT 15 @ 100 (+$1 fee): sold 600 + 1500 = 2100 for
//      a basis of 20 x 105 = 2100, minus $2 fees: pnl -2.
// BBB: ENTER 5 @ 50, STOP 5 @ 60: pnl +50, return 50 / 250 = 20%.
// CCC: ENTER 1 @ 10, still open.
// Traded notional: 1000 + 250 + 1100 + 600 + 1500 + 300 + 10 = 4760.
std::vector<Fill> hand_fills() {
  return {
      fill("2026-01-05", "AAA", "ENTER", 10, 100, 1), fill("2026-01-06", "BBB", "ENTER", 5, 50),
      fill("2026-01-07", "AAA", "ENTER", 10, 110),    fill("2026-01-07", "AAA", "REDUCE", 5, 120),
      fill("2026-01-08", "AAA", "EXIT", 15, 100, 1),  fill("2026-01-08", "BBB", "STOP", 5, 60),
      fill("2026-01-08", "CCC", "ENTER", 1, 10)};
}

TEST(Metrics, ReturnFiguresOfTheHandSeries) {
  const Metrics m = compute_metrics(hand_series());
  EXPECT_EQ(m.n_points, 4);
  EXPECT_EQ(m.n_returns, 3);
  // Total: 108.9 / 100 - 1 = 0.089; annualised (1.089)^(252/3) - 1.
  EXPECT_NEAR(m.portfolio.total_return, 0.089, kTol);
  EXPECT_NEAR(m.portfolio.annualised_return, std::pow(1.089, 84.0) - 1, 1e-6);
  // mean r = 0.1/3; deviations (1/15, -2/15, 1/15); sample var = (6/225)/2 =
  // 1/75; std = 0.11547005; vol = std x sqrt(252) = 1.83303028.
  EXPECT_NEAR(m.portfolio.volatility, std::sqrt(1.0 / 75) * std::sqrt(252.0), kTol);
  // Sharpe = (1/30) / sqrt(1/75) x sqrt(252) = 0.28867513 x 15.8745079 = 4.58257569.
  EXPECT_NEAR(m.portfolio.sharpe, 4.582575694955848, 1e-9);
  // Downside deviation sqrt(0.01 / 3) = 0.05773503; Sortino = (1/30) / that x
  // sqrt(252) = 9.16515139.
  EXPECT_NEAR(m.portfolio.sortino, 9.165151389911701, 1e-9);
  // Peak 110, trough 99: 99/110 - 1 = -0.1; Calmar = annualised / 0.1.
  EXPECT_NEAR(m.portfolio.max_drawdown, -0.1, kTol);
  EXPECT_NEAR(m.portfolio.calmar, m.portfolio.annualised_return / 0.1, 1e-6);
  // SPY: 1.01^3 - 1 = 0.030301; zero variance -> Sharpe 0, beta 0.
  EXPECT_NEAR(m.spy.total_return, 0.030301, kTol);
  EXPECT_EQ(m.spy.sharpe, 0.0);
  EXPECT_EQ(m.spy.max_drawdown, 0.0);
  EXPECT_EQ(m.spy.calmar, 0.0);
  EXPECT_EQ(m.beta, 0.0);
  // Alpha = 0.089 - 0.030301 = 0.058699.
  EXPECT_NEAR(m.alpha, 0.058699, kTol);
  // Excess returns (0.09, -0.11, 0.09): mean 0.07/3, same std as r, so
  // IR = (0.07/3) / sqrt(1/75) x sqrt(252) = 3.20780299.
  EXPECT_NEAR(m.information_ratio, 3.207802986469095, 1e-9);
  EXPECT_NEAR(m.tracking_error, m.portfolio.volatility, kTol);
  // Population moments with a = 1/15: m2 = 2a^2, m3 = -2a^3, m4 = 6a^4:
  // skew = -2 / 2^1.5 = -0.70710678, kurtosis = 6/4 = 1.5.
  EXPECT_NEAR(m.skewness, -std::sqrt(0.5), 1e-9);
  EXPECT_NEAR(m.kurtosis, 1.5, 1e-9);
  // PSR: SR = 0.28867513 per day, n = 3:
  // Phi(SR sqrt(2) / sqrt(1 + 0.70710678 SR + 0.125 SR^2)) = Phi(0.37044) = 0.64447.
  EXPECT_NEAR(m.probabilistic_sharpe, 0.6444728034137595, 1e-9);
}

TEST(Metrics, QlibSummedReturnVariants) {
  const Metrics m = compute_metrics(hand_series());
  // Portfolio: mean 1/30 x 252 = 8.4; IR = the Sharpe; cumsum (0.1, 0, 0.1)
  // against its running max 0.1: worst -0.1.
  EXPECT_NEAR(m.qlib_portfolio.annualized_return, 8.4, 1e-9);
  EXPECT_NEAR(m.qlib_portfolio.information_ratio, m.portfolio.sharpe, 1e-9);
  EXPECT_NEAR(m.qlib_portfolio.max_drawdown, -0.1, 1e-12);
  // Excess: mean 0.07/3 x 252 = 5.88; cumsum (0.09, -0.02, 0.07), running max
  // 0.09: worst -0.11.
  EXPECT_NEAR(m.qlib_excess.annualized_return, 5.88, 1e-9);
  EXPECT_NEAR(m.qlib_excess.information_ratio, 3.207802986469095, 1e-9);
  EXPECT_NEAR(m.qlib_excess.max_drawdown, -0.11, 1e-12);
  // Qlib's cummax starts at the first cumulative value, not at 0: a series
  // that only falls has no drawdown before its first point.
  const std::vector<double> falling = {-0.02, -0.01, 0.03};
  EXPECT_NEAR(qlib_risk_analysis(falling).max_drawdown, -0.01, 1e-12);
}

TEST(Metrics, RoundTripsPairEntersWithExits) {
  const auto trips = build_round_trips(hand_fills());
  ASSERT_EQ(trips.size(), 3u);
  // In the order opened: AAA, BBB, CCC.
  EXPECT_EQ(trips[0].ticker, "AAA");
  EXPECT_TRUE(trips[0].closed());
  EXPECT_EQ(trips[0].entry_date, parse_date("2026-01-05"));
  EXPECT_EQ(*trips[0].exit_date, parse_date("2026-01-08"));  // the REDUCE did not close it
  EXPECT_EQ(trips[0].shares, 20);
  EXPECT_EQ(trips[0].shares_sold, 20);
  EXPECT_NEAR(trips[0].entry_price, 105, kTol);
  EXPECT_NEAR(trips[0].exit_price, 105, kTol);  // 2100 / 20
  EXPECT_NEAR(trips[0].pnl, -2, kTol);
  EXPECT_NEAR(trips[0].return_pct, -2.0 / 2100, kTol);
  EXPECT_EQ(trips[1].ticker, "BBB");
  EXPECT_NEAR(trips[1].pnl, 50, kTol);
  EXPECT_NEAR(trips[1].return_pct, 0.2, kTol);
  EXPECT_FALSE(trips[2].closed());

  BacktestResult result = hand_series();
  result.fills = hand_fills();
  const Metrics m = compute_metrics(result);
  EXPECT_EQ(m.n_trades, 2);
  EXPECT_EQ(m.n_open, 1);
  EXPECT_EQ(m.n_wins, 1);
  EXPECT_EQ(m.n_losses, 1);
  EXPECT_NEAR(m.hit_rate, 0.5, kTol);
  EXPECT_NEAR(m.average_win, 50, kTol);
  EXPECT_NEAR(m.average_loss, -2, kTol);
  EXPECT_NEAR(m.average_win_pct, 0.2, kTol);
  // Turnover: 4760 / mean NAV (417.8 / 4 = 104.475) = 45.5611; annualised x 252/3.
  EXPECT_NEAR(m.traded_notional, 4760, kTol);
  EXPECT_NEAR(m.turnover, 4760 / 104.475, 1e-9);
  EXPECT_NEAR(m.turnover_annualised, 4760 / 104.475 * 84, 1e-6);
}

TEST(Metrics, AReduceOfTheLastShareClosesTheTrip) {
  const auto trips = build_round_trips(
      {fill("2026-01-05", "AAA", "ENTER", 10, 10), fill("2026-01-06", "AAA", "REDUCE", 4, 11),
       fill("2026-01-07", "AAA", "REDUCE", 6, 12), fill("2026-01-08", "AAA", "ENTER", 1, 13)});
  ASSERT_EQ(trips.size(), 2u);
  EXPECT_TRUE(trips[0].closed());
  EXPECT_NEAR(trips[0].pnl, 4 * 1 + 6 * 2, kTol);
  EXPECT_EQ(trips[1].entry_date, parse_date("2026-01-08"));
}

TEST(Metrics, RoundTripsRefuseImpossibleFills) {
  using Fills = std::vector<Fill>;
  for (const auto& bad : {
           Fills{fill("2026-01-05", "AAA", "EXIT", 1, 10)},
           Fills{fill("2026-01-05", "AAA", "ENTER", 2, 10),
                 fill("2026-01-06", "AAA", "REDUCE", 3, 10)},
           Fills{fill("2026-01-05", "AAA", "ENTER", 2, 10),
                 fill("2026-01-06", "AAA", "EXIT", 1, 10)},
           Fills{fill("2026-01-05", "AAA", "BUY", 2, 10)},
           Fills{fill("2026-01-05", "AAA", "ENTER", 0, 10)},
           Fills{fill("2026-01-05", "AAA", "ENTER", 1, std::nan(""))},
       }) {
    EXPECT_THROW(build_round_trips(bad), core::InvalidInput);
  }
}

TEST(Metrics, ExposureAndPositions) {
  BacktestResult result = hand_series();
  // invested / NAV: 0, 50/110, 99/99, 0 -> mean (0.454545 + 1) / 4 = 0.363636.
  result.invested = {0, 50, 99, 0};
  const Metrics m = compute_metrics(result);
  ASSERT_TRUE(m.exposure.has_value());
  EXPECT_NEAR(*m.exposure, (50.0 / 110 + 1) / 4, kTol);
  EXPECT_FALSE(compute_metrics(hand_series()).exposure.has_value());
}

TEST(Metrics, PredictionIcPearsonAndSpearman) {
  // Day 1: perfectly ordered -> 1 and 1.
  // Day 2: realised (0.03, 0.01, 0.02): x dev (-1, 0, 1), y dev (0.01, -0.01, 0):
  //   Pearson -0.01 / sqrt(2 x 0.0002) = -0.5; ranks (3, 1, 2) -> Spearman -0.5.
  // Day 3: constant predictions -> undefined, skipped.
  // Day 4: the NaN pair is dropped, leaving (1, 3) vs (0.05, 0.05): two pairs
  //   (fewer than three) whose realised values do not vary, undefined, skipped too.
  const std::vector<DailyPredictions> days = {
      {parse_date("2026-01-05"), {1, 2, 3}, {0.01, 0.02, 0.03}},
      {parse_date("2026-01-06"), {1, 2, 3}, {0.03, 0.01, 0.02}},
      {parse_date("2026-01-07"), {2, 2, 2}, {0.01, 0.02, 0.03}},
      {parse_date("2026-01-08"), {1, std::nan(""), 3}, {0.05, 0.01, 0.05}},
  };
  const auto ic = prediction_ic(days);
  EXPECT_EQ(ic.days, 2);
  EXPECT_NEAR(ic.ic, 0.25, 1e-12);
  EXPECT_NEAR(ic.rank_ic, 0.25, 1e-12);
  // std of (1, -0.5) = sqrt(2 x 0.75^2) = 1.06066; ICIR = 0.25 / 1.06066.
  EXPECT_NEAR(ic.ic_ir, 0.25 / std::sqrt(2 * 0.75 * 0.75), 1e-12);
  EXPECT_THROW(prediction_ic({{parse_date("2026-01-05"), {1, 2}, {1}}}), core::InvalidInput);

  BacktestResult result = hand_series();
  result.predictions = days;
  const Metrics m = compute_metrics(result);
  ASSERT_TRUE(m.prediction_ic.has_value());
  EXPECT_NEAR(m.prediction_ic->ic, 0.25, 1e-12);
}

TEST(Metrics, DeflatedSharpe) {
  const std::vector<double> r = {0.1, -0.1, 0.1};
  // One trial: no deflation, the PSR against 0.
  EXPECT_NEAR(deflated_sharpe(r, 1, 1.0), 0.6444728034137595, 1e-9);
  // 10 trials whose annualised Sharpes vary by 0.5 x 252 (per day: 0.5):
  // SR* = sqrt(0.5) (0.42278 Phi^-1(0.9) + 0.57722 Phi^-1(1 - 1/(10e))) = 1.11341,
  // DSR = Phi((0.288675 - 1.11341) sqrt(2) / 1.10206) = 0.144952.
  EXPECT_NEAR(deflated_sharpe(r, 10, 0.5 * 252), 0.14495154715926012, 1e-6);
  // 100 trials of per-day variance 1: SR* = 2.53060, DSR = 0.0020078.
  EXPECT_NEAR(deflated_sharpe(r, 100, 252), 0.002007770185702251, 1e-6);
  EXPECT_THROW(deflated_sharpe(r, 0, 1.0), core::InvalidInput);
  EXPECT_THROW(deflated_sharpe(r, 5, -1.0), core::InvalidInput);
  // Fewer than two returns: no evidence, 0.
  EXPECT_EQ(probabilistic_sharpe(0.5, 0.0, 1, 0.0, 3.0), 0.0);  // n < 2
}

TEST(Metrics, MonthlyReturnsAndDrawdownSeries) {
  const std::vector<core::Date> dates = {parse_date("2026-01-30"), parse_date("2026-02-02"),
                                         parse_date("2026-02-27"), parse_date("2026-03-02"),
                                         parse_date("2026-03-31")};
  const std::vector<double> nav = {100, 102, 105, 100, 110};
  const auto months = monthly_returns(dates, nav);
  ASSERT_EQ(months.size(), 3u);
  // January has one point: 100/100 - 1 = 0; February 105/100 - 1; March 110/105 - 1.
  EXPECT_EQ(months[0].year, 2026);
  EXPECT_EQ(months[0].month, 1u);
  EXPECT_NEAR(months[0].value, 0.0, kTol);
  EXPECT_NEAR(months[1].value, 0.05, kTol);
  EXPECT_NEAR(months[2].value, 110.0 / 105 - 1, kTol);
  const auto dd = drawdown_series(nav);
  const std::vector<double> expected = {0, 0, 0, 100.0 / 105 - 1, 0};
  ASSERT_EQ(dd.size(), expected.size());
  for (std::size_t i = 0; i < dd.size(); ++i) EXPECT_NEAR(dd[i], expected[i], kTol);
}

TEST(Metrics, ConstantNavHasZeroRatiosNotNaN) {
  BacktestResult result;
  result.dates = dates_from("2026-01-05", 5);
  result.nav.assign(5, 100000.0);
  result.spy_close = {400, 404, 400, 404, 400};
  const Metrics m = compute_metrics(result);
  EXPECT_EQ(m.portfolio.sharpe, 0.0);
  EXPECT_EQ(m.portfolio.sortino, 0.0);
  EXPECT_EQ(m.portfolio.max_drawdown, 0.0);
  EXPECT_EQ(m.portfolio.calmar, 0.0);
  EXPECT_EQ(m.beta, 0.0);
  EXPECT_EQ(m.hit_rate, 0.0);
  EXPECT_TRUE(std::isfinite(m.information_ratio));
  EXPECT_FALSE(to_json(m).dump().empty());
  // The risk-free rate moves the Sharpe of a moving series: rf 2.52%/year is
  // 0.0001 a day off the mean.
  const std::vector<double> r = {0.01, -0.005, 0.02};
  const double std = std::sqrt(((0.01 - 0.025 / 3) * (0.01 - 0.025 / 3) +
                                (-0.005 - 0.025 / 3) * (-0.005 - 0.025 / 3) +
                                (0.02 - 0.025 / 3) * (0.02 - 0.025 / 3)) /
                               2);
  EXPECT_NEAR(sharpe_ratio(r, 0.0252), (0.025 / 3 - 0.0001) / std * std::sqrt(252.0), 1e-9);
}

TEST(Metrics, BetaOfALeveredSeries) {
  // SPY +1%, -1%, +2%; NAV exactly twice that (+2%, -2%, +4%): beta 2.
  BacktestResult result;
  result.dates = dates_from("2026-01-05", 4);
  result.spy_close = {100, 101, 99.99, 101.9898};
  result.nav = {100, 102, 99.96, 103.9584};
  const Metrics m = compute_metrics(result);
  EXPECT_NEAR(m.beta, 2.0, 1e-9);
}

TEST(Metrics, BadInputIsRefusedWithAClearMessage) {
  auto expect_refused = [](const BacktestResult& result, const std::string& fragment) {
    try {
      compute_metrics(result);
      ADD_FAILURE() << "accepted: " << fragment;
    } catch (const core::InvalidInput& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  };
  expect_refused(BacktestResult{}, "at least two dates");
  BacktestResult r = hand_series();
  r.spy_close.pop_back();
  expect_refused(r, "must be equal");
  r = hand_series();
  r.nav[2] = std::numeric_limits<double>::quiet_NaN();
  expect_refused(r, "NAV on 2026-01-07");
  r = hand_series();
  r.nav[1] = 0;
  expect_refused(r, "NAV on 2026-01-06");
  r = hand_series();
  r.spy_close[3] = -1;
  expect_refused(r, "SPY close on 2026-01-08");
  r = hand_series();
  std::swap(r.dates[1], r.dates[2]);
  expect_refused(r, "not increasing");
  r = hand_series();
  r.invested = {1, 2};
  expect_refused(r, "invested");
  EXPECT_THROW(monthly_returns({parse_date("2026-01-05")}, std::vector<double>{1, 2}),
               core::InvalidInput);
}

// Data-driven cases: tests/backtest/metrics_cases/*.json hold a NAV and a SPY
// series and the figures computed independently (generate.py, Python's
// standard library, from docs/backtest-metrics.md). Every expected leaf must
// match metrics.json's value at the same place (Qlib's under "qlib_sum").
TEST(MetricsCases, MatchTheIndependentComputation) {
  const auto dir = test::source_path("tests/backtest/metrics_cases");
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    ++cases;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const auto doc = nlohmann::json::parse(text.str());
    BacktestResult result;
    result.nav = doc["nav"].get<std::vector<double>>();
    result.spy_close = doc["spy"].get<std::vector<double>>();
    result.dates = dates_from("2026-01-05", static_cast<int>(result.nav.size()));
    const auto actual = to_json(compute_metrics(result));
    int leaves = 0;
    for (const auto& [key, value] : doc["expected"].items()) {
      const nlohmann::json& got = key == "qlib_portfolio" ? actual.at("qlib_sum").at("portfolio")
                                  : key == "qlib_excess"  ? actual.at("qlib_sum").at("excess")
                                                          : actual.at(key);
      auto check = [&](const std::string& name, double want, const nlohmann::json& have) {
        ++leaves;
        ASSERT_TRUE(have.is_number()) << entry.path().filename() << " " << name;
        EXPECT_NEAR(have.get<double>(), want, 1e-9 * std::max(1.0, std::fabs(want)))
            << entry.path().filename() << " " << name;
      };
      if (value.is_object()) {
        for (const auto& [inner, want] : value.items()) {
          check(key + "." + inner, want.get<double>(), got.at(inner));
        }
      } else {
        check(key, value.get<double>(), got);
      }
    }
    EXPECT_GE(leaves, 20) << entry.path().filename();
  }
  EXPECT_GE(cases, 3);
}

}  // namespace
}  // namespace ae::backtest
