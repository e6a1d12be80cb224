// write_backtest_report: the run's files under backtest/{date}/.
#include "backtest/report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "backtest/report_format.h"
#include "core/error.h"
#include "core/missing_value.h"

namespace ae::backtest {
namespace {

using core::kNaN;
const std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// SPY's closes scaled to start at the portfolio's first NAV.
std::vector<double> rebased(const std::vector<double>& values, double start) {
  std::vector<double> out;
  out.reserve(values.size());
  for (double v : values) out.push_back(v / values.front() * start);
  return out;
}

std::map<std::string, int> guard_counts(const BacktestResult& result) {
  std::map<std::string, int> counts;
  for (const auto& firing : result.guard_firings) ++counts[firing.guard];
  return counts;
}

std::string nav_csv(const BacktestResult& r) {
  std::string out = csv_line(
      {"date", "nav", "spy_close", "spy_rebased", "drawdown", "positions", "invested", "exposure"});
  const auto spy = rebased(r.spy_close, r.nav.front());
  const auto drawdown = drawdown_series(r.nav);
  for (std::size_t i = 0; i < r.dates.size(); ++i) {
    const bool has_positions = i < r.positions.size();
    const bool has_invested = i < r.invested.size();
    out += csv_line({core::format_date(r.dates[i]), csv_number(r.nav[i]),
                     csv_number(r.spy_close[i]), csv_number(spy[i]), csv_number(drawdown[i]),
                     has_positions ? std::to_string(r.positions[i]) : "",
                     has_invested ? csv_number(r.invested[i]) : "",
                     has_invested ? csv_number(r.invested[i] / r.nav[i]) : ""});
  }
  return out;
}

std::string trades_csv(const std::vector<RoundTrip>& trips) {
  std::string out = csv_line({"ticker", "entry_date", "entry_price", "exit_date", "exit_price",
                              "shares", "shares_sold", "pnl", "return_pct", "status"});
  for (const auto& t : trips) {
    out += csv_line({t.ticker, core::format_date(t.entry_date), csv_number(t.entry_price),
                     t.exit_date ? core::format_date(*t.exit_date) : "",
                     t.shares_sold > 0 ? csv_number(t.exit_price) : "", std::to_string(t.shares),
                     std::to_string(t.shares_sold), csv_number(t.pnl), csv_number(t.return_pct),
                     t.closed() ? "closed" : "open"});
  }
  return out;
}

std::string guard_firings_csv(const std::vector<GuardFiring>& firings) {
  std::string out = csv_line({"date", "guard", "message"});
  for (const auto& f : firings) out += csv_line({core::format_date(f.date), f.guard, f.message});
  return out;
}

std::string fills_csv(const std::vector<Fill>& fills) {
  std::string out =
      csv_line({"date", "ticker", "action", "shares", "price", "commission", "cost", "reason"});
  for (const auto& f : fills) {
    out += csv_line({core::format_date(f.date), f.ticker, f.action, std::to_string(f.shares),
                     csv_number(f.price), csv_number(f.commission), csv_number(f.cost), f.reason});
  }
  return out;
}

struct MonthRow {
  int year;
  unsigned month;
  double portfolio;
  double spy;
};

std::vector<MonthRow> month_rows(const BacktestResult& r) {
  const auto nav = monthly_returns(r.dates, r.nav);
  const auto spy = monthly_returns(r.dates, r.spy_close);
  std::vector<MonthRow> rows;
  for (std::size_t i = 0; i < nav.size(); ++i) {
    rows.push_back({nav[i].year, nav[i].month, nav[i].value, spy[i].value});
  }
  return rows;
}

std::string monthly_csv(const std::vector<MonthRow>& rows) {
  std::string out = csv_line({"year", "month", "portfolio", "spy", "excess"});
  for (const auto& m : rows) {
    out += csv_line({std::to_string(m.year), std::to_string(m.month), csv_number(m.portfolio),
                     csv_number(m.spy), csv_number(m.portfolio - m.spy)});
  }
  return out;
}

std::string nav_chart(const BacktestResult& r, const BacktestResult* oracle) {
  charts::LineChart chart;
  chart.title = r.label + " NAV vs SPY";
  chart.dates = r.dates;
  chart.y_format = charts::ValueFormat::kCurrency;
  chart.series.push_back({.name = r.label, .values = r.nav, .color = "#1f77b4"});
  chart.series.push_back(
      {.name = "SPY (rebased)", .values = rebased(r.spy_close, r.nav.front()), .color = "#7f7f7f"});
  chart.fill_between = charts::FillBetween{0, 1, "#aec7e8"};
  if (oracle != nullptr) {
    // The oracle on the run's dates (it may cover a different span).
    std::map<core::Date, double> by_date;
    for (std::size_t i = 0; i < oracle->dates.size() && i < oracle->nav.size(); ++i) {
      by_date[oracle->dates[i]] = oracle->nav[i];
    }
    std::vector<double> values;
    for (const auto& d : r.dates) {
      auto it = by_date.find(d);
      values.push_back(it == by_date.end() ? kNaN : it->second);
    }
    chart.series.push_back(
        {.name = oracle->label, .values = values, .color = "#2ca02c", .dashed = true});
  }
  return charts::render_line_chart(chart);
}

std::string drawdown_chart(const BacktestResult& r, const ReportOptions& options) {
  charts::LineChart chart;
  chart.title = r.label + " drawdown";
  chart.dates = r.dates;
  chart.y_format = charts::ValueFormat::kPercent;
  chart.include_zero = true;
  chart.series.push_back(
      {.name = "drawdown", .values = drawdown_series(r.nav), .color = "#d62728", .fill = true});
  chart.reference_lines = options.drawdown_lines;
  return charts::render_line_chart(chart);
}

std::string monthly_chart(const std::string& label, const std::vector<MonthRow>& rows) {
  charts::HeatMap chart;
  chart.title = label + " monthly returns";
  chart.value_format = charts::ValueFormat::kPercent;
  chart.column_labels.assign(kMonths.begin(), kMonths.end());
  chart.column_labels.push_back("Year");
  std::map<int, std::vector<double>> by_year;
  for (const auto& m : rows) {
    auto& cells = by_year.try_emplace(m.year, std::vector<double>(13, kNaN)).first->second;
    cells[m.month - 1] = m.portfolio;
  }
  // The colour scale follows the months; the yearly column saturates.
  double limit = 0.0;
  for (const auto& m : rows) limit = std::max(limit, std::fabs(m.portfolio));
  if (limit > 0.0) chart.scale_limit = limit;
  for (auto& [year, cells] : by_year) {
    double compounded = 1.0;
    for (int i = 0; i < 12; ++i) {
      if (std::isfinite(cells[i])) compounded *= 1.0 + cells[i];
    }
    cells[12] = compounded - 1.0;
    chart.row_labels.push_back(std::to_string(year));
    chart.values.push_back(cells);
  }
  chart.size.height = std::max(160, 70 + 26 * static_cast<int>(by_year.size()));
  return charts::render_heat_map(chart);
}

nlohmann::json metrics_document(const BacktestResult& r, const Metrics& m,
                                const std::optional<Metrics>& oracle,
                                const std::vector<RuleContribution>& rules) {
  auto contributions = nlohmann::json::array();
  for (const auto& c : rules) contributions.push_back(to_json(c));
  nlohmann::json guards = nlohmann::json::object();
  for (const auto& [guard, count] : guard_counts(r)) guards[guard] = count;
  nlohmann::json parameters = nlohmann::json::object();
  for (const auto& [name, value] : r.parameters) parameters[name] = value;
  return {{"label", r.label},
          {"metrics", to_json(m)},
          {"oracle_metrics", oracle ? to_json(*oracle) : nlohmann::json(nullptr)},
          {"guard_firings", guards},
          {"parameters", parameters},
          {"rule_contributions", contributions}};
}

void stats_rows(std::string& md, const Metrics& m, const std::optional<Metrics>& oracle) {
  struct Row {
    const char* name;
    double ReturnStats::*field;
    bool percent;
  };
  const Row rows[] = {{"Total return", &ReturnStats::total_return, true},
                      {"Annualised return", &ReturnStats::annualised_return, true},
                      {"Volatility (annualised)", &ReturnStats::volatility, true},
                      {"Sharpe", &ReturnStats::sharpe, false},
                      {"Sortino", &ReturnStats::sortino, false},
                      {"Max drawdown", &ReturnStats::max_drawdown, true},
                      {"Calmar", &ReturnStats::calmar, false}};
  std::vector<std::string> header = {"Metric", "Portfolio", "SPY"};
  if (oracle) header.push_back("Oracle");
  md += md_header(header);
  for (const auto& row : rows) {
    auto show = [&](const ReturnStats& s) {
      return row.percent ? pct(s.*row.field) : ratio(s.*row.field);
    };
    std::vector<std::string> cells = {row.name, show(m.portfolio), show(m.spy)};
    if (oracle) cells.push_back(show(oracle->portfolio));
    md += md_row(cells);
  }
}

std::string report_md(const BacktestResult& r, const Metrics& m,
                      const std::optional<Metrics>& oracle, const std::vector<RoundTrip>& trips,
                      const ReportOptions& options) {
  std::string md = "# Backtest report: " + r.label + "\n\n";
  md += "Span " + core::format_date(m.first_date) + " to " + core::format_date(m.last_date) + " (" +
        std::to_string(m.n_points) + " points, " + std::to_string(m.n_returns) +
        " daily returns); report dated " + core::format_date(options.date) + ".\n\n";
  md += "![NAV vs SPY](nav_vs_spy.svg)\n\n## Headline\n\n";
  stats_rows(md, m, oracle);

  md += "\n## Against SPY\n\n" + md_header({"Figure", "Value"});
  md += md_row({"Alpha (total return - SPY's)", pct(m.alpha)});
  md += md_row({"Active return (annualised mean excess)", pct(m.active_return)});
  md += md_row({"Information ratio", ratio(m.information_ratio)});
  md += md_row({"Beta", ratio(m.beta)});
  md += md_row({"Alpha t-statistic (daily CAPM intercept)", ratio(m.alpha_t_stat)});
  md += md_row({"Tracking error (annualised)", pct(m.tracking_error)});
  md += md_row({"Probabilistic Sharpe (P[SR > 0])", ratio(m.probabilistic_sharpe)});
  md += md_row(
      {"Skewness / kurtosis of daily returns", ratio(m.skewness) + " / " + ratio(m.kurtosis)});
  if (oracle) md += md_row({"Oracle alpha", pct(oracle->alpha)});

  md += "\n### Per calendar year\n\n" + md_header({"Year", "Portfolio", "SPY", "Active"});
  for (const auto& y : m.yearly)
    md += md_row({std::to_string(y.year), pct(y.portfolio), pct(y.spy), pct(y.active)});
  if (!options.rule_contributions.empty()) {
    md +=
        "\n## What each risk rule cost or saved\n\nThe same days replayed with the rule "
        "flipped; contribution = this run's total return - the flipped run's.\n\n";
    md += md_header({"Rule", "In this run", "Total return", "Flipped", "Contribution",
                     "Active (annualised)", "Flipped active"});
    for (const auto& c : options.rule_contributions)
      md += md_row({c.rule, c.enabled ? "on" : "off", pct(c.total_return), pct(c.flipped_return),
                    pct(c.contribution()), pct(c.active_return), pct(c.flipped_active)});
  }

  md += "\n## Trades and activity\n\n" + md_header({"Figure", "Value"});
  md += md_row(
      {"Round trips closed / open", std::to_string(m.n_trades) + " / " + std::to_string(m.n_open)});
  if (m.n_trades > 0) {
    md += md_row({"Hit rate", pct(m.hit_rate)});
    md += md_row({"Average win", dollars(m.average_win) + " (" + pct(m.average_win_pct) + ")"});
    md += md_row({"Average loss", dollars(m.average_loss) + " (" + pct(m.average_loss_pct) + ")"});
  } else {
    md += md_row({"Hit rate, average win and loss", "n/a (no closed round trip)"});
  }
  md += md_row({"Traded notional", dollars(m.traded_notional)});
  md += md_row(
      {"Turnover (span / annualised)", ratio(m.turnover) + " / " + ratio(m.turnover_annualised)});
  md += md_row({"Exposure (mean invested / NAV)", m.exposure ? pct(*m.exposure) : "not recorded"});
  md += md_row({"Costs (slippage, spread, impact, commission)",
                dollars(m.costs) + " (drag " + pct(m.cost_drag) + " a year)"});
  if (m.prediction_ic) {
    md += md_row({"Prediction IC / rank IC (" + std::to_string(m.prediction_ic->days) + " days)",
                  ratio(m.prediction_ic->ic) + " / " + ratio(m.prediction_ic->rank_ic)});
    md += md_row({"ICIR / rank ICIR",
                  ratio(m.prediction_ic->ic_ir) + " / " + ratio(m.prediction_ic->rank_ic_ir)});
  }

  md += "\n## Qlib summed-return figures (mode=\"sum\", 252 days)\n\n";
  md += md_header({"Series", "Annualized return", "Information ratio", "Max drawdown"});
  md += md_row({"Portfolio", pct(m.qlib_portfolio.annualized_return),
                ratio(m.qlib_portfolio.information_ratio), pct(m.qlib_portfolio.max_drawdown)});
  md += md_row({"Excess over SPY", pct(m.qlib_excess.annualized_return),
                ratio(m.qlib_excess.information_ratio), pct(m.qlib_excess.max_drawdown)});

  md += "\n## Guard firings\n\n";
  const auto guards = guard_counts(r);
  if (guards.empty()) {
    md += "No guard fired.\n";
  } else {
    // Per guard: how often, first and last day, and its most frequent message
    // (ticker names and figures included, so the same cause counts once per
    // ticker); every firing is in guard_firings.csv.
    md += md_header({"Guard", "Firings", "First", "Last", "Most frequent message"});
    for (const auto& [guard, count] : guards) {
      std::map<std::string, int> messages;
      std::optional<core::Date> first, last;
      for (const auto& f : r.guard_firings) {
        if (f.guard != guard) continue;
        ++messages[f.message];
        if (!first) first = f.date;
        last = f.date;
      }
      const auto top =
          std::max_element(messages.begin(), messages.end(),
                           [](const auto& a, const auto& b) { return a.second < b.second; });
      auto message = top->first.size() > 160 ? top->first.substr(0, 157) + "..." : top->first;
      md += md_row({guard, std::to_string(count), core::format_date(*first),
                    core::format_date(*last), message + " (" + std::to_string(top->second) + "x)"});
    }
  }

  std::vector<const RoundTrip*> closed;
  for (const auto& t : trips) {
    if (t.closed()) closed.push_back(&t);
  }
  std::stable_sort(closed.begin(), closed.end(),
                   [](const RoundTrip* a, const RoundTrip* b) { return a->pnl > b->pnl; });
  auto trade_table = [&](const std::string& heading, auto begin, auto end) {
    md += "\n## " + heading + "\n\n";
    if (begin == end) {
      md += "No closed round trips.\n";
      return;
    }
    md += md_header({"Ticker", "Entry", "Exit", "Shares", "P&L", "Return"});
    for (auto it = begin; it != end; ++it) {
      const RoundTrip& t = **it;
      md += md_row({t.ticker, core::format_date(t.entry_date) + " @ " + ratio(t.entry_price),
                    core::format_date(*t.exit_date) + " @ " + ratio(t.exit_price),
                    std::to_string(t.shares), dollars(t.pnl), pct(t.return_pct)});
    }
  };
  const std::size_t top = std::min(options.top_trades, closed.size());
  trade_table("Best round trips", closed.begin(), closed.begin() + top);
  trade_table("Worst round trips", closed.rbegin(), closed.rbegin() + top);

  md += "\n## Charts\n\n![Drawdown](drawdown.svg)\n\n![Monthly returns](monthly_returns.svg)\n\n";
  md +=
      "Files: [metrics.json](metrics.json), [nav.csv](nav.csv), [trades.csv](trades.csv), "
      "[fills.csv](fills.csv), [monthly_returns.csv](monthly_returns.csv), "
      "[guard_firings.csv](guard_firings.csv).\n";
  if (!r.parameters.empty()) {
    md += "\n## Parameters\n\n" + md_header({"Parameter", "Value"});
    for (const auto& [name, value] : r.parameters) md += md_row({name, value});
  }
  return md;
}

}  // namespace

WrittenReport write_backtest_report(core::ArtifactStore& store, const BacktestResult& result,
                                    const ReportOptions& options) {
  if (!result.positions.empty() && result.positions.size() != result.dates.size()) {
    throw core::InvalidInput("backtest report: " + std::to_string(result.positions.size()) +
                             " position counts for " + std::to_string(result.dates.size()) +
                             " dates");
  }
  WrittenReport out;
  out.metrics = compute_metrics(result, options.metrics);
  if (options.oracle != nullptr)
    out.oracle_metrics = compute_metrics(*options.oracle, options.metrics);
  const auto trips = build_round_trips(result.fills);
  const auto months = month_rows(result);
  out.prefix = "backtest/" + core::format_date(options.date) + "/";

  // Every file is rendered before the first put: a failure writes nothing.
  const std::vector<std::pair<std::string, std::string>> files = {
      {"metrics.json",
       metrics_document(result, out.metrics, out.oracle_metrics, options.rule_contributions)
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
           "\n"},
      {"nav.csv", nav_csv(result)},
      {"trades.csv", trades_csv(trips)},
      {"fills.csv", fills_csv(result.fills)},
      {"guard_firings.csv", guard_firings_csv(result.guard_firings)},
      {"monthly_returns.csv", monthly_csv(months)},
      {"nav_vs_spy.svg", nav_chart(result, options.oracle)},
      {"drawdown.svg", drawdown_chart(result, options)},
      {"monthly_returns.svg", monthly_chart(result.label, months)},
      {"report.md", report_md(result, out.metrics, out.oracle_metrics, trips, options)}};
  PrefixedWriter writer(store, out.prefix);
  for (const auto& [name, bytes] : files) writer.put(name, bytes);
  out.keys = writer.keys();
  return out;
}

}  // namespace ae::backtest
