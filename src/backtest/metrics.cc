#include "backtest/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "core/error.h"
#include "core/information_coefficient.h"

namespace ae::backtest {
namespace {

using core::InvalidInput;

double mean_of(std::span<const double> x) {
  if (x.empty()) return 0.0;
  return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

// Sample standard deviation (ddof 1); 0 with fewer than two values.
double sample_std(std::span<const double> x) {
  if (x.size() < 2) return 0.0;
  const double m = mean_of(x);
  double sum = 0.0;
  for (double v : x) sum += (v - m) * (v - m);
  return std::sqrt(sum / static_cast<double>(x.size() - 1));
}

// Below this a standard deviation is rounding noise of a constant series (three
// equal returns can average to a value one ulp away from each of them).
constexpr double kZeroStd = 1e-12;

// mean / std * sqrt(252), 0 when std is 0 (or not finite).
double annualised_ratio(double mean, double std) {
  if (!(std > kZeroStd) || !std::isfinite(std)) return 0.0;
  return mean / std * std::sqrt(kPeriodsPerYear);
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// Acklam's rational approximation refined by one Halley step (|error| < 1e-14).
double normal_quantile(double p) {
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  if (p <= 0.0) return -std::numeric_limits<double>::infinity();
  if (p >= 1.0) return std::numeric_limits<double>::infinity();
  const double low = 0.02425;
  double x = 0.0;
  if (p < low) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const double e = normal_cdf(x) - p;
  const double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

// Population skewness and (non-excess) kurtosis; 0 and 3 when undefined.
std::pair<double, double> moments(std::span<const double> x) {
  if (x.size() < 2) return {0.0, 3.0};
  const double m = mean_of(x);
  double m2 = 0, m3 = 0, m4 = 0;
  for (double v : x) {
    const double d = v - m;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  const double n = static_cast<double>(x.size());
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (!(std::sqrt(m2) > kZeroStd)) return {0.0, 3.0};
  return {m3 / std::pow(m2, 1.5), m4 / (m2 * m2)};
}

void check_dates(const std::vector<core::Date>& dates) {
  for (std::size_t i = 1; i < dates.size(); ++i) {
    if (dates[i] <= dates[i - 1]) {
      throw InvalidInput("backtest metrics: dates are not increasing at " +
                         core::format_date(dates[i]));
    }
  }
}

double ratio_or_zero(double numerator, double denominator) {
  return denominator != 0.0 ? numerator / denominator : 0.0;
}

}  // namespace

std::vector<RoundTrip> build_round_trips(const std::vector<Fill>& fills) {
  struct Open {
    std::size_t trip = 0;  // index into trips
    int held = 0;
    double cost = 0;  // cost basis of the shares held, $
    double bought_notional = 0;
    double sold_notional = 0;
    double sold_cost = 0;  // cost basis of the shares sold
    double commissions = 0;
  };
  std::vector<RoundTrip> trips;
  std::map<std::string, Open> open;
  for (const auto& fill : fills) {
    // Built only when a fill is refused (this loop runs over every fill of a sweep).
    auto where = [&fill] {
      return fill.action + " " + fill.ticker + " on " + core::format_date(fill.date);
    };
    if (fill.shares <= 0 || !(fill.price > 0.0) || !std::isfinite(fill.price)) {
      throw InvalidInput("round trips: " + where() + " has shares " + std::to_string(fill.shares) +
                         " and price " + std::to_string(fill.price) + " (both must be positive)");
    }
    const double notional = fill.price * fill.shares;
    if (fill.action == "ENTER") {
      auto it = open.find(fill.ticker);
      if (it == open.end()) {
        RoundTrip trip;
        trip.ticker = fill.ticker;
        trip.entry_date = fill.date;
        trips.push_back(trip);
        it = open.emplace(fill.ticker, Open{trips.size() - 1}).first;
      }
      Open& o = it->second;
      o.held += fill.shares;
      o.cost += notional;
      o.bought_notional += notional;
      o.commissions += fill.commission;
      RoundTrip& trip = trips[o.trip];
      trip.shares += fill.shares;
      trip.entry_price = o.bought_notional / trip.shares;
      continue;
    }
    const bool closes = fill.action == "EXIT" || fill.action == "STOP";
    if (!closes && fill.action != "REDUCE") {
      throw InvalidInput("round trips: unknown action '" + fill.action + "' (" + where() + ")");
    }
    auto it = open.find(fill.ticker);
    if (it == open.end())
      throw InvalidInput("round trips: " + where() + " sells a ticker not held");
    Open& o = it->second;
    if (fill.shares > o.held) {
      throw InvalidInput("round trips: " + where() + " sells " + std::to_string(fill.shares) +
                         " shares, " + std::to_string(o.held) + " held");
    }
    if (closes && fill.shares != o.held) {
      throw InvalidInput("round trips: " + where() + " sells " + std::to_string(fill.shares) +
                         " of " + std::to_string(o.held) + " shares held (an exit sells them all)");
    }
    const double basis = o.cost / o.held * fill.shares;
    o.cost -= basis;
    o.sold_cost += basis;
    o.held -= fill.shares;
    o.sold_notional += notional;
    o.commissions += fill.commission;
    RoundTrip& trip = trips[o.trip];
    trip.shares_sold += fill.shares;
    trip.exit_price = o.sold_notional / trip.shares_sold;
    trip.pnl = o.sold_notional - o.sold_cost - o.commissions;
    trip.return_pct = ratio_or_zero(trip.pnl, o.sold_cost);
    if (o.held == 0) {
      trip.exit_date = fill.date;
      open.erase(it);
    }
  }
  return trips;
}

std::vector<double> daily_returns(std::span<const double> values, const std::string& what) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i]) || values[i] <= 0.0) {
      throw InvalidInput("backtest metrics: " + what + " value " + std::to_string(values[i]) +
                         " at point " + std::to_string(i) + " is not finite and positive");
    }
  }
  std::vector<double> out;
  if (values.size() < 2) return out;
  out.reserve(values.size() - 1);
  for (std::size_t i = 1; i < values.size(); ++i) out.push_back(values[i] / values[i - 1] - 1.0);
  return out;
}

double sharpe_ratio(std::span<const double> returns, double risk_free_annual) {
  const double rf = risk_free_annual / kPeriodsPerYear;
  return annualised_ratio(mean_of(returns) - rf, sample_std(returns));
}

double max_drawdown(std::span<const double> values) {
  double worst = 0.0;
  for (double d : drawdown_series(values)) worst = std::min(worst, d);
  return worst;
}

std::vector<double> drawdown_series(std::span<const double> values) {
  std::vector<double> out;
  out.reserve(values.size());
  double peak = -std::numeric_limits<double>::infinity();
  for (double v : values) {
    peak = std::max(peak, v);
    out.push_back(peak > 0.0 ? v / peak - 1.0 : 0.0);
  }
  return out;
}

ReturnStats return_stats(std::span<const double> values, double risk_free_annual) {
  const auto r = daily_returns(values, "series");
  ReturnStats s;
  if (r.empty()) return s;
  const double n = static_cast<double>(r.size());
  s.total_return = values.back() / values.front() - 1.0;
  s.annualised_return = std::pow(1.0 + s.total_return, kPeriodsPerYear / n) - 1.0;
  s.volatility = sample_std(r) * std::sqrt(kPeriodsPerYear);
  s.sharpe = sharpe_ratio(r, risk_free_annual);
  const double rf = risk_free_annual / kPeriodsPerYear;
  double downside = 0.0;
  for (double v : r) downside += std::pow(std::min(v - rf, 0.0), 2);
  s.sortino = annualised_ratio(mean_of(r) - rf, std::sqrt(downside / n));
  s.max_drawdown = max_drawdown(values);
  s.calmar = s.max_drawdown < 0.0 ? s.annualised_return / std::fabs(s.max_drawdown) : 0.0;
  return s;
}

QlibStats qlib_risk_analysis(std::span<const double> returns) {
  QlibStats q;
  if (returns.empty()) return q;
  q.mean = mean_of(returns);
  q.std = sample_std(returns);
  q.annualized_return = q.mean * kPeriodsPerYear;
  q.information_ratio = annualised_ratio(q.mean, q.std);
  double cumulative = 0.0;
  double peak = -std::numeric_limits<double>::infinity();
  for (double r : returns) {
    cumulative += r;
    peak = std::max(peak, cumulative);
    q.max_drawdown = std::min(q.max_drawdown, cumulative - peak);
  }
  return q;
}

PredictionIc prediction_ic(const std::vector<DailyPredictions>& days) {
  core::IcAccumulator accumulator;
  for (const auto& day : days) {
    if (day.predicted.size() != day.realised.size()) {
      throw InvalidInput("prediction IC: " + core::format_date(day.date) + " has " +
                         std::to_string(day.predicted.size()) + " predictions and " +
                         std::to_string(day.realised.size()) + " realised returns");
    }
    accumulator.add_day(day.predicted, day.realised);
  }
  const core::IcSummary summary = accumulator.summary();
  PredictionIc out;
  out.days = static_cast<int>(summary.days);
  out.ic = summary.ic.mean;
  out.ic_ir = summary.ic.ratio;
  out.rank_ic = summary.rank_ic.mean;
  out.rank_ic_ir = summary.rank_ic.ratio;
  return out;
}

double probabilistic_sharpe(double sharpe, double benchmark_sharpe, int n_returns, double skewness,
                            double kurtosis) {
  if (n_returns < 2) return 0.0;
  const double variance = 1.0 - skewness * sharpe + (kurtosis - 1.0) / 4.0 * sharpe * sharpe;
  if (!(variance > 0.0)) return sharpe > benchmark_sharpe ? 1.0 : 0.0;
  return normal_cdf((sharpe - benchmark_sharpe) * std::sqrt(n_returns - 1.0) / std::sqrt(variance));
}

double deflated_sharpe(std::span<const double> returns, int trials, double trial_sharpe_variance) {
  if (trials < 1) {
    throw InvalidInput("deflated Sharpe: trials must be at least 1, got " + std::to_string(trials));
  }
  if (!(trial_sharpe_variance >= 0.0)) {
    throw InvalidInput("deflated Sharpe: the trials' Sharpe variance must be >= 0");
  }
  const double sharpe = sharpe_ratio(returns) / std::sqrt(kPeriodsPerYear);
  const auto [skewness, kurtosis] = moments(returns);
  double expected_max = 0.0;
  if (trials > 1) {
    constexpr double kEulerGamma = 0.5772156649015329;
    const double n = static_cast<double>(trials);
    expected_max = std::sqrt(trial_sharpe_variance / kPeriodsPerYear) *
                   ((1.0 - kEulerGamma) * normal_quantile(1.0 - 1.0 / n) +
                    kEulerGamma * normal_quantile(1.0 - 1.0 / (n * M_E)));
  }
  return probabilistic_sharpe(sharpe, expected_max, static_cast<int>(returns.size()), skewness,
                              kurtosis);
}

std::vector<MonthlyReturn> monthly_returns(const std::vector<core::Date>& dates,
                                           std::span<const double> values) {
  if (dates.size() != values.size()) {
    throw InvalidInput("monthly returns: " + std::to_string(dates.size()) + " dates for " +
                       std::to_string(values.size()) + " values");
  }
  check_dates(dates);
  daily_returns(values, "NAV");  // validates the values
  std::vector<MonthlyReturn> out;
  if (dates.empty()) return out;
  double base = values.front();
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const bool month_ends = i + 1 == dates.size() || dates[i + 1].month() != dates[i].month() ||
                            dates[i + 1].year() != dates[i].year();
    if (!month_ends) continue;
    out.push_back({static_cast<int>(dates[i].year()), static_cast<unsigned>(dates[i].month()),
                   values[i] / base - 1.0});
    base = values[i];
  }
  return out;
}

Metrics compute_metrics(const BacktestResult& result, const MetricsOptions& options) {
  const std::size_t n = result.dates.size();
  if (n < 2) {
    throw InvalidInput("backtest metrics: need at least two dates, got " + std::to_string(n));
  }
  if (result.nav.size() != n || result.spy_close.size() != n) {
    throw InvalidInput("backtest metrics: " + std::to_string(n) + " dates, " +
                       std::to_string(result.nav.size()) + " NAVs, " +
                       std::to_string(result.spy_close.size()) + " SPY closes (must be equal)");
  }
  if (!result.invested.empty() && result.invested.size() != n) {
    throw InvalidInput("backtest metrics: " + std::to_string(result.invested.size()) +
                       " invested values for " + std::to_string(n) + " dates");
  }
  check_dates(result.dates);
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(result.nav[i]) || result.nav[i] <= 0.0) {
      throw InvalidInput("backtest metrics: NAV on " + core::format_date(result.dates[i]) + " is " +
                         std::to_string(result.nav[i]) + " (must be finite and positive)");
    }
    if (!std::isfinite(result.spy_close[i]) || result.spy_close[i] <= 0.0) {
      throw InvalidInput("backtest metrics: SPY close on " + core::format_date(result.dates[i]) +
                         " is " + std::to_string(result.spy_close[i]) +
                         " (must be finite and positive)");
    }
  }

  Metrics m;
  m.n_points = static_cast<int>(n);
  m.n_returns = static_cast<int>(n - 1);
  m.first_date = result.dates.front();
  m.last_date = result.dates.back();
  const auto r = daily_returns(result.nav, "NAV");
  const auto r_spy = daily_returns(result.spy_close, "SPY");
  m.portfolio = return_stats(result.nav, options.risk_free_annual);
  m.spy = return_stats(result.spy_close, options.risk_free_annual);
  m.alpha = m.portfolio.total_return - m.spy.total_return;

  std::vector<double> excess(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) excess[i] = r[i] - r_spy[i];
  m.information_ratio = annualised_ratio(mean_of(excess), sample_std(excess));
  m.tracking_error = sample_std(excess) * std::sqrt(kPeriodsPerYear);
  const double mr = mean_of(r);
  const double ms = mean_of(r_spy);
  double cov = 0.0, var = 0.0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    cov += (r[i] - mr) * (r_spy[i] - ms);
    var += (r_spy[i] - ms) * (r_spy[i] - ms);
  }
  m.beta = std::sqrt(var / static_cast<double>(r.size())) > kZeroStd ? cov / var : 0.0;
  m.active_return = mean_of(excess) * kPeriodsPerYear;
  if (r.size() >= 3 && m.beta != 0.0) {
    const double intercept = mr - m.beta * ms;
    double sse = 0.0;
    for (std::size_t i = 0; i < r.size(); ++i) {
      const double e = r[i] - intercept - m.beta * r_spy[i];
      sse += e * e;
    }
    const double nr = static_cast<double>(r.size());
    const double se = std::sqrt(sse / (nr - 2) * (1 / nr + ms * ms / var));
    m.alpha_t_stat = se > 0 ? intercept / se : 0.0;
  }
  for (std::size_t i = 0; i < r.size(); ++i) {
    const int year = static_cast<int>(result.dates[i + 1].year());
    if (m.yearly.empty() || m.yearly.back().year != year) m.yearly.push_back({year, 1, 1, 0});
    m.yearly.back().portfolio *= 1 + r[i];
    m.yearly.back().spy *= 1 + r_spy[i];
  }
  for (auto& y : m.yearly) {
    y.portfolio -= 1;
    y.spy -= 1;
    y.active = y.portfolio - y.spy;
  }

  double win_sum = 0, loss_sum = 0, win_pct = 0, loss_pct = 0;
  for (const auto& trip : build_round_trips(result.fills)) {
    if (!trip.closed()) {
      ++m.n_open;
      continue;
    }
    ++m.n_trades;
    if (trip.pnl > 0.0) {
      ++m.n_wins;
      win_sum += trip.pnl;
      win_pct += trip.return_pct;
    } else {
      ++m.n_losses;
      loss_sum += trip.pnl;
      loss_pct += trip.return_pct;
    }
  }
  m.hit_rate = ratio_or_zero(m.n_wins, m.n_trades);
  m.average_win = ratio_or_zero(win_sum, m.n_wins);
  m.average_loss = ratio_or_zero(loss_sum, m.n_losses);
  m.average_win_pct = ratio_or_zero(win_pct, m.n_wins);
  m.average_loss_pct = ratio_or_zero(loss_pct, m.n_losses);

  for (const auto& fill : result.fills) m.traded_notional += fill.price * fill.shares;
  const double average_nav = mean_of(result.nav);
  m.turnover = m.traded_notional / average_nav;
  m.turnover_annualised = m.turnover * kPeriodsPerYear / m.n_returns;
  for (const auto& fill : result.fills) m.costs += fill.cost;
  m.cost_drag = m.costs / average_nav * kPeriodsPerYear / m.n_returns;
  if (!result.invested.empty()) {
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) sum += result.invested[i] / result.nav[i];
    m.exposure = sum / static_cast<double>(n);
  }

  std::tie(m.skewness, m.kurtosis) = moments(r);
  m.probabilistic_sharpe = probabilistic_sharpe(m.portfolio.sharpe / std::sqrt(kPeriodsPerYear),
                                                0.0, m.n_returns, m.skewness, m.kurtosis);
  if (!result.predictions.empty()) m.prediction_ic = prediction_ic(result.predictions);
  m.qlib_portfolio = qlib_risk_analysis(r);
  m.qlib_excess = qlib_risk_analysis(excess);
  return m;
}

namespace {

nlohmann::json stats_json(const ReturnStats& s) {
  return {{"total_return", s.total_return},
          {"annualised_return", s.annualised_return},
          {"volatility", s.volatility},
          {"sharpe", s.sharpe},
          {"sortino", s.sortino},
          {"max_drawdown", s.max_drawdown},
          {"calmar", s.calmar}};
}

nlohmann::json yearly_json(const std::vector<YearlyReturn>& years) {
  auto out = nlohmann::json::array();
  for (const auto& y : years)
    out.push_back(
        {{"year", y.year}, {"portfolio", y.portfolio}, {"spy", y.spy}, {"active", y.active}});
  return out;
}

nlohmann::json qlib_json(const QlibStats& q) {
  return {{"mean", q.mean},
          {"std", q.std},
          {"annualized_return", q.annualized_return},
          {"information_ratio", q.information_ratio},
          {"max_drawdown", q.max_drawdown}};
}

}  // namespace

nlohmann::json to_json(const Metrics& m) {
  nlohmann::json out = {
      {"n_points", m.n_points},
      {"n_returns", m.n_returns},
      {"first_date", core::format_date(m.first_date)},
      {"last_date", core::format_date(m.last_date)},
      {"portfolio", stats_json(m.portfolio)},
      {"spy", stats_json(m.spy)},
      {"alpha", m.alpha},
      {"information_ratio", m.information_ratio},
      {"beta", m.beta},
      {"tracking_error", m.tracking_error},
      {"active_return", m.active_return},
      {"alpha_t_stat", m.alpha_t_stat},
      {"yearly", yearly_json(m.yearly)},
      {"costs", m.costs},
      {"cost_drag", m.cost_drag},
      {"trades",
       {{"closed", m.n_trades},
        {"open", m.n_open},
        {"wins", m.n_wins},
        {"losses", m.n_losses},
        {"hit_rate", m.hit_rate},
        {"average_win", m.average_win},
        {"average_loss", m.average_loss},
        {"average_win_pct", m.average_win_pct},
        {"average_loss_pct", m.average_loss_pct}}},
      {"traded_notional", m.traded_notional},
      {"turnover", m.turnover},
      {"turnover_annualised", m.turnover_annualised},
      {"exposure", m.exposure ? nlohmann::json(*m.exposure) : nlohmann::json(nullptr)},
      {"skewness", m.skewness},
      {"kurtosis", m.kurtosis},
      {"probabilistic_sharpe", m.probabilistic_sharpe},
      {"qlib_sum",
       {{"portfolio", qlib_json(m.qlib_portfolio)}, {"excess", qlib_json(m.qlib_excess)}}},
  };
  if (m.prediction_ic) {
    out["prediction_ic"] = {{"days", m.prediction_ic->days},
                            {"ic", m.prediction_ic->ic},
                            {"ic_ir", m.prediction_ic->ic_ir},
                            {"rank_ic", m.prediction_ic->rank_ic},
                            {"rank_ic_ir", m.prediction_ic->rank_ic_ir}};
  } else {
    out["prediction_ic"] = nullptr;
  }
  return out;
}

}  // namespace ae::backtest
