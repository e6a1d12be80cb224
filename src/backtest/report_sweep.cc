// write_sweep_report and sweep_row: a sweep's table, ranking and heat map.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>

#include "backtest/report.h"
#include "backtest/report_format.h"
#include "charts/chart.h"
#include "core/error.h"
#include "core/missing_value.h"

namespace ae::backtest {
namespace {

using core::kNaN;

struct Columns {
  std::vector<std::string> parameters;
  std::vector<std::string> figures;
};

std::vector<std::string> names_of(const std::vector<std::pair<std::string, double>>& pairs) {
  std::vector<std::string> out;
  for (const auto& [name, value] : pairs) out.push_back(name);
  return out;
}

// Every row must have the first row's parameters, and every row without an
// error the first such row's figures, in the same order.
Columns columns_of(const std::vector<SweepReportRow>& rows) {
  if (rows.empty()) throw core::InvalidInput("sweep report: no rows");
  Columns columns;
  columns.parameters = names_of(rows.front().parameters);
  bool figures_known = false;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (names_of(rows[i].parameters) != columns.parameters) {
      throw core::InvalidInput("sweep report: row " + std::to_string(i) +
                               " has other parameters than row 0");
    }
    if (!rows[i].error.empty()) continue;
    if (!figures_known) {
      columns.figures = names_of(rows[i].figures);
      figures_known = true;
    } else if (names_of(rows[i].figures) != columns.figures) {
      throw core::InvalidInput("sweep report: row " + std::to_string(i) +
                               " has other figures than the first valid row");
    }
  }
  return columns;
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name,
                     const std::string& what) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    throw core::InvalidInput("sweep report: no " + what + " named '" + name + "'");
  }
  return static_cast<std::size_t>(it - names.begin());
}

// The objective of each row, NaN for rows with an error or a non-finite value.
std::vector<double> objectives(const std::vector<SweepReportRow>& rows, std::size_t figure) {
  std::vector<double> out;
  for (const auto& row : rows) {
    out.push_back(row.error.empty() && std::isfinite(row.figures[figure].second)
                      ? row.figures[figure].second
                      : kNaN);
  }
  return out;
}

// Variance over a parameter's levels of the mean objective at each level.
double level_variance(const std::vector<SweepReportRow>& rows, const std::vector<double>& objective,
                      std::size_t parameter) {
  std::map<double, std::pair<double, int>> levels;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!std::isfinite(objective[i])) continue;
    auto& [sum, count] = levels[rows[i].parameters[parameter].second];
    sum += objective[i];
    ++count;
  }
  if (levels.size() < 2) return 0.0;
  std::vector<double> means;
  for (const auto& [level, acc] : levels) means.push_back(acc.first / acc.second);
  const double mean = std::accumulate(means.begin(), means.end(), 0.0) / means.size();
  double variance = 0.0;
  for (double m : means) variance += (m - mean) * (m - mean);
  return variance / means.size();
}

std::pair<std::string, std::string> choose_axes(const std::vector<SweepReportRow>& rows,
                                                const std::vector<double>& objective,
                                                const Columns& columns,
                                                const SweepReportOptions& options) {
  if (options.heatmap_axes) {
    index_of(columns.parameters, options.heatmap_axes->first, "parameter");
    index_of(columns.parameters, options.heatmap_axes->second, "parameter");
    if (options.heatmap_axes->first == options.heatmap_axes->second) {
      throw core::InvalidInput("sweep report: the heat map needs two different parameters");
    }
    return *options.heatmap_axes;
  }
  std::vector<std::size_t> order(columns.parameters.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<double> variance;
  for (std::size_t p = 0; p < order.size(); ++p)
    variance.push_back(level_variance(rows, objective, p));
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return variance[a] > variance[b]; });
  std::pair<std::string, std::string> axes;
  if (!order.empty()) axes.first = columns.parameters[order[0]];
  if (order.size() > 1) axes.second = columns.parameters[order[1]];
  return axes;
}

std::string level_label(double value) {
  return charts::format_value(value, charts::ValueFormat::kNumber);
}

std::string heatmap_svg(const std::vector<SweepReportRow>& rows,
                        const std::vector<double>& objective, const Columns& columns,
                        const std::pair<std::string, std::string>& axes,
                        const std::string& objective_name) {
  charts::HeatMap chart;
  chart.title = "Sweep: best " + objective_name;
  if (axes.first.empty()) return charts::render_heat_map(chart);  // no parameters: "no data"
  const std::size_t a = index_of(columns.parameters, axes.first, "parameter");
  const bool two = !axes.second.empty();
  const std::size_t b = two ? index_of(columns.parameters, axes.second, "parameter") : 0;
  std::set<double> a_levels, b_levels;
  for (const auto& row : rows) {
    a_levels.insert(row.parameters[a].second);
    if (two) b_levels.insert(row.parameters[b].second);
  }
  if (!two) b_levels.insert(0.0);
  const std::vector<double> av(a_levels.begin(), a_levels.end());
  const std::vector<double> bv(b_levels.begin(), b_levels.end());
  chart.values.assign(av.size(), std::vector<double>(bv.size(), kNaN));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!std::isfinite(objective[i])) continue;
    const auto r =
        std::lower_bound(av.begin(), av.end(), rows[i].parameters[a].second) - av.begin();
    const auto c =
        two ? std::lower_bound(bv.begin(), bv.end(), rows[i].parameters[b].second) - bv.begin() : 0;
    double& cell = chart.values[r][c];
    if (!std::isfinite(cell) || objective[i] > cell) cell = objective[i];
  }
  for (double v : av) chart.row_labels.push_back(level_label(v));
  for (double v : bv) chart.column_labels.push_back(two ? level_label(v) : objective_name);
  chart.row_axis_label = axes.first;
  chart.column_axis_label = two ? axes.second : "";
  // Centre the diverging scale on the median cell so "better" and "worse"
  // than typical read green and red.
  std::vector<double> finite;
  for (const auto& row : chart.values) {
    for (double v : row) {
      if (std::isfinite(v)) finite.push_back(v);
    }
  }
  if (!finite.empty()) {
    std::nth_element(finite.begin(), finite.begin() + finite.size() / 2, finite.end());
    chart.center = finite[finite.size() / 2];
  }
  chart.size.height = std::max(200, 90 + 28 * static_cast<int>(av.size()));
  return charts::render_heat_map(chart);
}

std::string sweep_csv(const std::vector<SweepReportRow>& rows, const Columns& columns) {
  std::vector<std::string> header = columns.parameters;
  header.insert(header.end(), columns.figures.begin(), columns.figures.end());
  header.push_back("error");
  std::string out = csv_line(header);
  for (const auto& row : rows) {
    std::vector<std::string> fields;
    for (const auto& [name, value] : row.parameters) fields.push_back(csv_number(value));
    for (std::size_t f = 0; f < columns.figures.size(); ++f) {
      fields.push_back(row.error.empty() ? csv_number(row.figures[f].second) : "");
    }
    fields.push_back(row.error);
    out += csv_line(fields);
  }
  return out;
}

std::string figure_text(const std::string& name, double value) {
  static const std::set<std::string> percents = {"total_return", "annualised_return",
                                                 "max_drawdown", "alpha", "hit_rate"};
  if (name == "trades") return csv_number(value);
  return percents.count(name) ? pct(value) : ratio(value);
}

std::string sweep_md(const std::vector<SweepReportRow>& rows, const Columns& columns,
                     const std::vector<std::size_t>& ranked,
                     const std::pair<std::string, std::string>& axes,
                     const SweepReportOptions& options) {
  std::string md = "# Sweep report " + core::format_date(options.date) + "\n\n";
  md += std::to_string(rows.size()) + " configurations, " + std::to_string(ranked.size()) +
        " with a finite " + options.objective + " (higher is better).\n\n";
  if (ranked.empty()) {
    md += "No configuration has a finite objective.\n";
  } else {
    std::vector<std::string> header = {"Rank"};
    header.insert(header.end(), columns.parameters.begin(), columns.parameters.end());
    header.insert(header.end(), columns.figures.begin(), columns.figures.end());
    md += "## Best configurations\n\n" + md_header(header);
    for (std::size_t k = 0; k < std::min(options.top_rows, ranked.size()); ++k) {
      const auto& row = rows[ranked[k]];
      std::vector<std::string> cells = {std::to_string(k + 1)};
      for (const auto& [name, value] : row.parameters) cells.push_back(level_label(value));
      for (const auto& [name, value] : row.figures) cells.push_back(figure_text(name, value));
      md += md_row(cells);
    }
  }
  const auto sharpe_it = std::find(columns.figures.begin(), columns.figures.end(), "sharpe");
  if (!options.best_returns.empty() && sharpe_it != columns.figures.end() && ranked.size() >= 1) {
    const auto s = static_cast<std::size_t>(sharpe_it - columns.figures.begin());
    std::vector<double> sharpes;
    for (std::size_t i : ranked) sharpes.push_back(rows[i].figures[s].second);
    const double mean = std::accumulate(sharpes.begin(), sharpes.end(), 0.0) / sharpes.size();
    double variance = 0.0;
    for (double v : sharpes) variance += (v - mean) * (v - mean);
    variance = sharpes.size() > 1 ? variance / (sharpes.size() - 1) : 0.0;
    const double dsr =
        deflated_sharpe(options.best_returns, static_cast<int>(sharpes.size()), variance);
    md += "\n## Deflated Sharpe of the best\n\n" +
          md_header({"Trials", "Variance of trial Sharpes", "Deflated Sharpe (P[SR > SR*])"}) +
          md_row({std::to_string(sharpes.size()), ratio(variance), ratio(dsr)});
  }
  md += "\n## Heat map\n\n";
  if (axes.first.empty()) {
    md += "The sweep has no parameters to map.\n";
  } else {
    md += "Rows: " + axes.first + (axes.second.empty() ? "" : "; columns: " + axes.second) +
          (options.heatmap_axes
               ? " (chosen)"
               : " (the parameters whose levels move the mean " + options.objective + " most)") +
          ". Each cell is the best " + options.objective + " over every other parameter.\n\n";
  }
  md += "![Sweep heat map](sweep_heatmap.svg)\n\nAll rows: [sweep.csv](sweep.csv).\n";
  std::size_t failed = 0;
  for (const auto& row : rows) failed += row.error.empty() ? 0 : 1;
  if (failed > 0) {
    md += "\n## Failed configurations\n\n" + std::to_string(failed) +
          " configurations stopped on an error (their error column in sweep.csv says why).\n";
  }
  return md;
}

}  // namespace

SweepReportRow sweep_row(std::vector<std::pair<std::string, double>> parameters,
                         const Metrics& metrics, std::optional<double> objective) {
  SweepReportRow row;
  row.parameters = std::move(parameters);
  row.figures = {{"total_return", metrics.portfolio.total_return},
                 {"annualised_return", metrics.portfolio.annualised_return},
                 {"sharpe", metrics.portfolio.sharpe},
                 {"sortino", metrics.portfolio.sortino},
                 {"max_drawdown", metrics.portfolio.max_drawdown},
                 {"calmar", metrics.portfolio.calmar},
                 {"alpha", metrics.alpha},
                 {"active_return", metrics.active_return},
                 {"beta", metrics.beta},
                 {"information_ratio", metrics.information_ratio},
                 {"trades", static_cast<double>(metrics.n_trades)},
                 {"hit_rate", metrics.hit_rate},
                 {"turnover_annualised", metrics.turnover_annualised}};
  if (objective) row.figures.emplace_back("objective", *objective);
  return row;
}

WrittenSweepReport write_sweep_report(core::ArtifactStore& store,
                                      const std::vector<SweepReportRow>& rows,
                                      const SweepReportOptions& options) {
  const Columns columns = columns_of(rows);
  const bool any_valid = std::any_of(rows.begin(), rows.end(),
                                     [](const SweepReportRow& r) { return r.error.empty(); });
  std::vector<double> objective(rows.size(), kNaN);
  if (any_valid)
    objective = objectives(rows, index_of(columns.figures, options.objective, "figure"));

  std::vector<std::size_t> ranked;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (std::isfinite(objective[i])) ranked.push_back(i);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [&](std::size_t a, std::size_t b) { return objective[a] > objective[b]; });

  WrittenSweepReport out;
  out.prefix = "backtest/" + core::format_date(options.date) + "/";
  out.heatmap_axes = choose_axes(rows, objective, columns, options);
  if (!ranked.empty()) out.best = ranked.front();

  const std::string csv = sweep_csv(rows, columns);
  const std::string svg =
      heatmap_svg(rows, objective, columns, out.heatmap_axes, options.objective);
  const std::string md = sweep_md(rows, columns, ranked, out.heatmap_axes, options);
  PrefixedWriter writer(store, out.prefix);
  writer.put("sweep.csv", csv);
  writer.put("sweep_heatmap.svg", svg);
  writer.put("sweep.md", md);
  out.keys = writer.keys();
  return out;
}

}  // namespace ae::backtest
