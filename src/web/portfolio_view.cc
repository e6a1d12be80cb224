#include "web/portfolio_view.h"

#include <spdlog/spdlog.h>

#include <cmath>

#include "charts/chart.h"
#include "executor/risk_config.h"
#include "executor/risk_parameters.h"

namespace ae::web {
namespace {

double number_or_nan(const Json& value) {
  return value.is_number() ? value.get<double>() : std::nan("");
}

}  // namespace

double circuit_breaker(const HomeReader& home) {
  try {
    return executor::risk_config_from(
               executor::load_risk_parameters(home.layout().parameter_file("risk"), home.store()))
        .drawdown_circuit_breaker;
  } catch (const std::exception& error) {
    spdlog::warn("dashboard: risk parameters unreadable ({}); showing the default breaker",
                 error.what());
    return executor::RiskConfig{}.drawdown_circuit_breaker;
  }
}

Json portfolio(const HomeReader& home, const DateRange& range, int limit) {
  Json result{{"eod", Json::array()},    {"positions", Json::array()},
              {"trades", Json::array()}, {"shadow_book", Json::array()},
              {"kpis", Json::object()},  {"charts", Json::object()}};
  const double breaker = circuit_breaker(home);
  result["circuit_breaker"] = breaker;
  std::vector<core::Date> dates;
  std::vector<double> nav_index, spy_index, daily_alpha, cumulative_alpha, drawdown;
  if (const auto db = home.ledger(); db && db->has_table("eod_pnl")) {
    const std::string from = range.from ? core::format_date(*range.from) : "0000-00-00";
    const std::string to = range.to ? core::format_date(*range.to) : "9999-99-99";
    auto rows = db->rows(
        "SELECT date, portfolio_nav, daily_return_pct, spy_return_pct, daily_alpha_pct, "
        "spy_close, total_cash, unrealized_pnl, realized_pnl, positions_snapshot FROM eod_pnl "
        "WHERE date >= ? AND date <= ? ORDER BY date DESC LIMIT ?",
        {from, to, static_cast<std::int64_t>(limit)});
    std::reverse(rows.begin(), rows.end());
    double peak = 0, nav0 = 0, spy0 = 0;
    for (auto& row : rows) {
      const double nav = number_or_nan(row["portfolio_nav"]);
      const double spy = number_or_nan(row["spy_close"]);
      if (nav0 == 0) nav0 = nav;
      if (spy0 == 0) spy0 = spy;
      peak = std::max(peak, nav);
      const double cumulative = nav / nav0 - spy / spy0;
      const double dd = peak > 0 ? nav / peak - 1 : 0;
      row["cumulative_alpha"] = cumulative;
      row["drawdown"] = dd;
      dates.push_back(core::parse_date(row["date"].get<std::string>()));
      nav_index.push_back(100 * nav / nav0);
      spy_index.push_back(100 * spy / spy0);
      daily_alpha.push_back(number_or_nan(row["daily_alpha_pct"]) / 100);
      cumulative_alpha.push_back(cumulative);
      drawdown.push_back(dd);
    }
    if (!rows.empty()) {
      const Json& last = rows.back();
      Json positions = Json::object();
      try {
        positions = Json::parse(last["positions_snapshot"].get<std::string>());
      } catch (const Json::exception&) {
      }
      if (positions.is_array()) result["positions"] = positions;
      if (positions.is_object())
        for (const auto& [ticker, position] : positions.items()) {
          Json entry = position;
          entry["ticker"] = ticker;
          result["positions"].push_back(std::move(entry));
        }
      result["kpis"] = {{"date", last["date"]},
                        {"nav", last["portfolio_nav"]},
                        {"daily_alpha_pct", last["daily_alpha_pct"]},
                        {"cumulative_alpha", last["cumulative_alpha"]},
                        {"drawdown", last["drawdown"]},
                        {"max_drawdown", *std::min_element(drawdown.begin(), drawdown.end())},
                        {"days", rows.size()}};
    }
    for (auto& row : rows) row.erase("positions_snapshot");
    result["eod"] = std::move(rows);
  }
  if (const auto db = home.ledger(); db && db->has_table("trades")) {
    const std::string from = range.from ? core::format_date(*range.from) : "0000-00-00";
    const std::string to = range.to ? core::format_date(*range.to) : "9999-99-99";
    result["trades"] = db->rows(
        "SELECT trade_id, date, created_at, ticker, action, shares, fill_price, signal_price, "
        "commission, trigger_type, realized_pnl, realized_return_pct, realized_alpha_pct, "
        "days_held, exit_reason FROM trades WHERE date >= ? AND date <= ? "
        "ORDER BY created_at DESC, trade_id DESC LIMIT ?",
        {from, to, static_cast<std::int64_t>(limit)});
    if (db->has_table("executor_shadow_book"))
      result["shadow_book"] = db->rows(
          "SELECT date, ticker, block_reason, research_score, conviction, sector, "
          "predicted_direction, prediction_confidence, intended_position_pct, intended_dollars, "
          "market_regime FROM executor_shadow_book WHERE date >= ? AND date <= ? "
          "ORDER BY date DESC, ticker LIMIT ?",
          {from, to, static_cast<std::int64_t>(limit)});
  }

  charts::LineChart nav_chart;
  nav_chart.title = "NAV vs SPY (rebased to 100)";
  nav_chart.dates = dates;
  nav_chart.series = {{"Portfolio NAV", nav_index, "#1565c0"}, {"SPY", spy_index, "#757575"}};
  if (!dates.empty()) nav_chart.fill_between = charts::FillBetween{0, 1, ""};
  nav_chart.size = {760, 300};
  result["charts"]["nav"] = charts::render_line_chart(nav_chart);

  charts::BarChart alpha_chart;
  alpha_chart.title = "Daily alpha with cumulative";
  alpha_chart.dates = dates;
  alpha_chart.values = daily_alpha;
  alpha_chart.cumulative_line = true;
  alpha_chart.cumulative_name = "cumulative alpha";
  alpha_chart.y_format = charts::ValueFormat::kPercent;
  alpha_chart.size = {760, 260};
  if (dates.empty()) alpha_chart.labels = {"-"}, alpha_chart.values = {std::nan("")};
  result["charts"]["alpha"] = charts::render_bar_chart(alpha_chart);

  charts::LineChart drawdown_chart;
  drawdown_chart.title = "Drawdown";
  drawdown_chart.dates = dates;
  drawdown_chart.series = {{"drawdown", drawdown, "#c62828", true}};
  drawdown_chart.reference_lines = {
      {-breaker, "circuit breaker " + charts::format_value(-breaker, charts::ValueFormat::kPercent),
       "#c62828"}};
  drawdown_chart.y_format = charts::ValueFormat::kPercent;
  drawdown_chart.include_zero = true;
  drawdown_chart.size = {760, 240};
  result["charts"]["drawdown"] = charts::render_line_chart(drawdown_chart);
  return result;
}

}  // namespace ae::web
