// Backtest figures from a daily NAV series, SPY's closes on the same dates and
// the fills (docs/backtest-metrics.md has every definition).
// Conventions:
//   - daily returns r_t = nav_t / nav_{t-1} - 1 between consecutive points (n
//     points give n - 1 returns); 252 periods a year;
//   - volatility and Sharpe use the sample standard deviation (ddof 1);
//     Sharpe = mean(r - rf_daily) / std(r) * sqrt(252), rf 0 by default; a
//     zero (or undefined) variance gives 0, never inf or NaN; Sortino divides
//     by the downside deviation sqrt(mean(min(r - rf_daily, 0)^2)) over all
//     returns (0 when there is no downside);
//   - max drawdown is <= 0: min over t of nav_t / max_{s<=t} nav_s - 1;
//   - annualised return = (1 + total)^(252 / n_returns) - 1; Calmar =
//     annualised return / |max drawdown| (0 without a drawdown), as the
//     reference computes it;
//   - alpha = total return - SPY's total return; the information ratio is the
//     Sharpe formula on the daily excess returns r - r_spy; beta =
//     cov(r, r_spy) / var(r_spy) (sample; 0 when SPY does not move);
//   - a round trip runs from the ENTER that opens a position to the EXIT (or
//     STOP) that closes it; further ENTERs add to it, REDUCEs sell part of it
//     and do not close it (a REDUCE that sells the last share does);
//   - turnover = traded notional (buys + sells, shares x price) / average NAV,
//     over the whole span and annualised (x 252 / n_returns);
//   - exposure = average over the dates of invested / NAV (needs `invested`);
//   - active return = mean daily excess x 252; yearly figures compound the
//     daily returns of each calendar year; cost drag = the fills' costs
//     (slippage and commission against the quote) / average NAV, annualised;
//   - the Qlib variants are its risk_analysis(mode="sum") on daily returns.
// Bad input throws core::InvalidInput naming the problem: fewer than two
// points, series of different lengths, dates not increasing, a NAV or SPY
// close that is not finite and positive, fills that sell what is not held.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "backtest/result.h"
#include "core/date.h"

namespace ae::backtest {

constexpr double kPeriodsPerYear = 252.0;

struct RoundTrip {
  std::string ticker{};
  core::Date entry_date{};                // the opening ENTER
  double entry_price = 0;                 // average price paid over every ENTER of the trip
  std::optional<core::Date> exit_date{};  // the closing EXIT/STOP; none while open
  double exit_price = 0;                  // average price received over every sale
  int shares = 0;                         // shares bought over the trip
  int shares_sold = 0;
  double pnl = 0;         // realised: sales - purchases (of the shares sold) - commissions, $
  double return_pct = 0;  // pnl / cost of the shares sold (fraction)
  bool closed() const { return exit_date.has_value(); }
};

// Round trips in the order they were opened, closed and still open. Fills
// must be in time order. Throws InvalidInput for an EXIT/REDUCE/STOP of a
// ticker not held, a sale of more shares than held, an EXIT/STOP that leaves
// shares behind, non-positive shares or price, or an unknown action.
std::vector<RoundTrip> build_round_trips(const std::vector<Fill>& fills);

// Figures of one return series, as the headline table shows them per column.
struct ReturnStats {
  double total_return = 0;
  double annualised_return = 0;
  double volatility = 0;  // annualised
  double sharpe = 0;
  double sortino = 0;
  double max_drawdown = 0;  // <= 0
  double calmar = 0;
};

// Qlib's evaluate.risk_analysis(mode="sum"): annualized_return = mean(r) * 252,
// information_ratio = mean(r) / std(r, ddof 1) * sqrt(252), max_drawdown =
// min(cumsum(r) - cummax(cumsum(r))).
struct QlibStats {
  double mean = 0;
  double std = 0;
  double annualized_return = 0;
  double information_ratio = 0;
  double max_drawdown = 0;
};

struct PredictionIc {
  int days = 0;        // days with a defined correlation (core/information_coefficient.h)
  double ic = 0;       // mean daily Pearson
  double ic_ir = 0;    // mean / std (ddof 1) of the daily IC, 0 if undefined
  double rank_ic = 0;  // mean daily Spearman (ties get average ranks)
  double rank_ic_ir = 0;
};

// One calendar year of the run: compounded daily returns of the book and of
// SPY within the year (the first year from the first point), and the
// difference.
struct YearlyReturn {
  int year = 0;
  double portfolio = 0;
  double spy = 0;
  double active = 0;  // portfolio - spy
};

struct MetricsOptions {
  double risk_free_annual = 0.0;  // annual rate; daily = annual / 252
};

struct Metrics {
  int n_points = 0;
  int n_returns = 0;
  core::Date first_date{}, last_date{};
  ReturnStats portfolio;
  ReturnStats spy;
  double alpha = 0;  // portfolio.total_return - spy.total_return
  double information_ratio = 0;
  double beta = 0;
  double tracking_error = 0;  // annualised std of r - r_spy
  double active_return = 0;   // annualised: mean(r - r_spy) x 252
  // The t-statistic of the daily intercept of r = a + b r_spy + e (OLS;
  // se(a) = s sqrt(1/n + mean(r_spy)^2 / Sxx), s^2 = SSE / (n - 2)); 0 with
  // fewer than three returns or SPY flat.
  double alpha_t_stat = 0;
  std::vector<YearlyReturn> yearly{};
  // Round trips.
  int n_trades = 0;         // closed round trips
  int n_open = 0;           // still open at the end
  int n_wins = 0;           // closed with pnl > 0
  int n_losses = 0;         // closed with pnl <= 0
  double hit_rate = 0;      // n_wins / n_trades, 0 without trades
  double average_win = 0;   // mean pnl of wins, $
  double average_loss = 0;  // mean pnl of losses, $ (<= 0)
  double average_win_pct = 0;
  double average_loss_pct = 0;
  // Activity.
  double traded_notional = 0;  // $
  double turnover = 0;         // traded notional / average NAV over the span
  double turnover_annualised = 0;
  double costs = 0;                  // what the fills paid against their quotes (Fill::cost), $
  double cost_drag = 0;              // costs / average NAV, annualised (x 252 / n_returns)
  std::optional<double> exposure{};  // mean invested / NAV; none without `invested`
  // Distribution of daily returns (population moments, as Bailey & Lopez de
  // Prado use them); kurtosis is not in excess (a normal law has 3).
  double skewness = 0;
  double kurtosis = 3;
  double probabilistic_sharpe = 0;              // P(true Sharpe > 0)
  std::optional<PredictionIc> prediction_ic{};  // none without predictions
  QlibStats qlib_portfolio;                     // on r
  QlibStats qlib_excess;                        // on r - r_spy (Qlib's published table uses excess)
};

// Everything above from a run. Round trips are built from result.fills.
Metrics compute_metrics(const BacktestResult& result, const MetricsOptions& options = {});

// --- The building blocks, exposed for the sweep, tuning and tests. ---

// Daily simple returns of a price or NAV series (must be finite, positive).
std::vector<double> daily_returns(std::span<const double> values, const std::string& what);
ReturnStats return_stats(std::span<const double> values, double risk_free_annual = 0.0);
double sharpe_ratio(std::span<const double> returns, double risk_free_annual = 0.0);
double max_drawdown(std::span<const double> values);
// nav_t / running max - 1 per point (the drawdown chart).
std::vector<double> drawdown_series(std::span<const double> values);
QlibStats qlib_risk_analysis(std::span<const double> returns);
PredictionIc prediction_ic(const std::vector<DailyPredictions>& days);

// Probabilistic Sharpe Ratio: the probability that the true (per-period)
// Sharpe exceeds `benchmark_sharpe` given the observed per-period Sharpe over
// n returns with their skewness and (non-excess) kurtosis:
//   PSR = Phi((SR - SR*) sqrt(n - 1) / sqrt(1 - skew SR + (kurt - 1) / 4 SR^2)).
// Sharpes here are per period (daily, not annualised).
double probabilistic_sharpe(double sharpe, double benchmark_sharpe, int n_returns, double skewness,
                            double kurtosis);

// Deflated Sharpe Ratio: PSR against the Sharpe expected from the best of
// `trials` unskilled trials,
//   SR* = sqrt(V) ((1 - g) Phi^-1(1 - 1/N) + g Phi^-1(1 - 1/(N e))), g = 0.5772...
// `trial_sharpe_variance` is the variance of the trials' ANNUALISED Sharpes
// (as a sweep reports them); it is converted to per-period units (/ 252).
// Throws InvalidInput for trials < 1 or a negative variance.
double deflated_sharpe(std::span<const double> returns, int trials, double trial_sharpe_variance);

// Returns grouped by calendar month: the NAV at the month's last date over
// the NAV at the previous month's last date (the first month: over the first
// point) - 1.
struct MonthlyReturn {
  int year = 0;
  unsigned month = 0;  // 1..12
  double value = 0;
};
std::vector<MonthlyReturn> monthly_returns(const std::vector<core::Date>& dates,
                                           std::span<const double> values);

nlohmann::json to_json(const Metrics& metrics);

}  // namespace ae::backtest
