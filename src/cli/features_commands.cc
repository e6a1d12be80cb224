// `ae features TICKER [--from DATE] [--to DATE] [--set ref|alpha158] --csv`:
// one symbol's features from the bar store ($AE_HOME/market) as CSV - header
// `date` then the feature names, one row per present bar, NaN before a
// feature's warm-up. Features are computed over the whole history and then
// cut to [from, to], so warm-up never depends on the requested range.
// JSON: {"ticker", "set", "columns": ["date", names...], "rows": [[date,
// values...]]}, null for NaN.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "core/error.h"
#include "market/bar_store.h"
#include "market/features/feature_engine.h"

namespace ae::cli {
namespace {

void append_number(std::string& line, double value) {
  if (std::isnan(value)) {
    line += "NaN";
    return;
  }
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  line += buffer;
}

}  // namespace

void add_features_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto* features = app.add_subcommand("features", "Print a symbol's technical features as CSV");
  auto symbol = std::make_shared<std::string>();
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto set = std::make_shared<std::string>("ref");
  features->add_option("ticker", *symbol, "Ticker or macro symbol")->required();
  features->add_option("--from", *from, "First date (inclusive)");
  features->add_option("--to", *to, "Last date (inclusive)");
  features->add_option("--set", *set, "Feature set")
      ->check(CLI::IsMember({"ref", "alpha158"}))
      ->capture_default_str();
  auto csv = std::make_shared<bool>(false);
  features->add_flag("--csv", *csv, "CSV output (the text format; --output json for JSON)");
  // `csv` is captured to outlive parsing: CLI11 writes --csv into it.
  dispatcher.bind(features, [symbol, from, to, set, csv](const Context& context) {
    market::BarStore store(context.home.market());
    const core::Date lo = from->empty() ? market::kCalendarEpoch : core::parse_date(*from);
    const core::Date hi = to->empty() ? market::kCalendarHorizon : core::parse_date(*to);
    const market::features::FeatureEngine engine(store);
    const auto result = engine.compute(*symbol, market::features::parse_feature_set(*set));
    if (context.output.json()) {
      nlohmann::json columns = {"date"};
      for (const auto& name : result.values.names()) columns.push_back(name);
      nlohmann::json rows = nlohmann::json::array();
      for (std::size_t r = 0; r < result.day_indices.size(); ++r) {
        const core::Date date = store.calendar().date_at(result.day_indices[r]);
        if (date < lo || date > hi) continue;
        nlohmann::json row = {core::format_date(date)};
        for (std::size_t f = 0; f < result.values.names().size(); ++f) {
          const double value = result.values.column(f)[r];
          row.push_back(std::isnan(value) ? nlohmann::json() : nlohmann::json(value));
        }
        rows.push_back(std::move(row));
      }
      context.output.print(
          {{"ticker", *symbol}, {"set", *set}, {"columns", columns}, {"rows", rows}});
      return 0;
    }
    std::string out = "date";
    for (const auto& name : result.values.names()) out += "," + name;
    out += "\n";
    const std::size_t columns = result.values.names().size();
    for (std::size_t r = 0; r < result.day_indices.size(); ++r) {
      const core::Date date = store.calendar().date_at(result.day_indices[r]);
      if (date < lo || date > hi) continue;
      out += core::format_date(date);
      for (std::size_t f = 0; f < columns; ++f) {
        out += ',';
        append_number(out, result.values.column(f)[r]);
      }
      out += "\n";
    }
    std::cout << out;
    return 0;
  });
}

}  // namespace ae::cli
