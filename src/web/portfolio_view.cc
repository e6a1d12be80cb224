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
               executor::load_risk_parameters(home.layout().parameter_file("risk"), home.store(),
                                              home.layout().profile()))
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
  if (const auto ledger = home.ledger()) {
    const executor::LedgerWindow window{range.from, range.to, limit};
    auto rows = ledger->eod_rows(window);
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
    result["trades"] = ledger->trades(window);
    result["shadow_book"] = ledger->shadow_book(window);
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
