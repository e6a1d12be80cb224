#include "web/backtest_view.h"

#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "charts/chart.h"
#include "core/error.h"
#include "web/query.h"

namespace ae::web {
namespace {

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, separator)) cells.push_back(cell);
  if (!line.empty() && line.back() == separator) cells.emplace_back();
  return cells;
}

std::string content_type_of(const std::string& file) {
  if (file.ends_with(".svg")) return "image/svg+xml";
  if (file.ends_with(".json")) return "application/json";
  if (file.ends_with(".csv")) return "text/csv; charset=utf-8";
  return "text/plain; charset=utf-8";
}

}  // namespace

std::vector<std::string> sweep_heat_maps(const std::string& csv) {
  std::istringstream in(csv);
  std::string line;
  if (!std::getline(in, line)) return {};
  const auto header = split(line, ',');
  const auto column = [&](std::initializer_list<const char*> names) -> int {
    for (const char* name : names)
      for (size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return static_cast<int>(i);
    return -1;
  };
  const int x = column({"min_score"});
  const int y = column({"max_position_pct"});
  const int value = column({"sharpe", "sharpe_ratio", "Sharpe"});
  const int tab = column({"drawdown_circuit_breaker"});
  if (x < 0 || y < 0 || value < 0) return {};
  // tab -> (y, x) -> value
  std::map<std::string, std::map<std::pair<double, double>, double>> grids;
  std::set<double> xs, ys;
  while (std::getline(in, line)) {
    const auto cells = split(line, ',');
    if (static_cast<int>(cells.size()) <= std::max({x, y, value, tab})) continue;
    try {
      const double xv = std::stod(cells[x]), yv = std::stod(cells[y]);
      const double v = cells[value].empty() ? std::nan("") : std::stod(cells[value]);
      grids[tab >= 0 ? cells[tab] : ""][{yv, xv}] = v;
      xs.insert(xv);
      ys.insert(yv);
    } catch (const std::exception&) {
    }
  }
  std::vector<std::string> maps;
  for (const auto& [breaker, grid] : grids) {
    charts::HeatMap heat;
    heat.title = "Sweep Sharpe" + (breaker.empty() ? "" : " (drawdown breaker " + breaker + ")");
    for (const double xv : xs)
      heat.column_labels.push_back(charts::format_value(xv, charts::ValueFormat::kNumber));
    for (const double yv : ys)
      heat.row_labels.push_back(charts::format_value(yv, charts::ValueFormat::kPercent));
    for (const double yv : ys) {
      std::vector<double> row;
      for (const double xv : xs) {
        const auto found = grid.find({yv, xv});
        row.push_back(found == grid.end() ? std::nan("") : found->second);
      }
      heat.values.push_back(std::move(row));
    }
    heat.column_axis_label = "min_score";
    heat.row_axis_label = "max_position_pct";
    heat.size = {640, 360};
    maps.push_back(charts::render_heat_map(heat));
  }
  return maps;
}

Json backtests(const Home& home) {
  std::map<std::string, Json, std::greater<>> runs;
  constexpr std::string_view prefix = "backtest/";
  for (const auto& key : home.store().list(prefix)) {
    const std::string rest = key.substr(prefix.size());
    const auto slash = rest.find('/');
    if (slash == std::string::npos || rest.find('/', slash + 1) != std::string::npos) continue;
    const std::string date = rest.substr(0, slash);
    auto& run = runs[date];
    if (run.is_null()) run = {{"date", date}, {"files", Json::array()}};
    run["files"].push_back(rest.substr(slash + 1));
  }
  Json list = Json::array();
  for (auto& [date, run] : runs) {
    if (const auto metrics = store_json(home, "backtest/" + date + "/metrics.json"))
      run["metrics"] = clip_json(*metrics, 20000);
    if (const auto sweep = home.store().try_get("backtest/" + date + "/sweep.csv"))
      run["sweep_heat_maps"] = sweep_heat_maps(*sweep);
    list.push_back(std::move(run));
  }
  return {{"runs", list}};
}

StoredFile backtest_file(const Home& home, const std::string& date, const std::string& file) {
  checked_name(date);
  checked_name(file);
  const auto bytes = home.store().try_get("backtest/" + date + "/" + file);
  if (!bytes) throw core::NotFound("no backtest file " + date + "/" + file);
  return {*bytes, content_type_of(file)};
}

}  // namespace ae::web
