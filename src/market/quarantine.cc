#include "market/quarantine.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/error.h"

namespace ae::market {
namespace {

std::string signed_percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%+.1f%%", 100.0 * share);
  return buffer;
}

}  // namespace

std::string QuarantinedDay::reason() const {
  const std::string day = core::format_date(date);
  return symbol + " " + day + ": adjusted return " + signed_percent(adjusted_return) +
         ", raw return " + signed_percent(raw_return) +
         ": the adjustment factor stepped by more than " +
         std::to_string(static_cast<int>(std::lround(100 * kMaxAdjustmentGap))) +
         "% with no raw move to offset it; bars before " + day + " held out";
}

std::vector<QuarantinedDay> find_adjustment_jumps(std::string_view symbol, const BarSeries& series,
                                                  const TradingCalendar& calendar) {
  std::vector<QuarantinedDay> out;
  const auto& close = series.column(Field::kClose);
  const auto& factor = series.column(Field::kFactor);
  std::optional<std::size_t> previous;
  for (std::size_t row = 0; row < series.size(); ++row) {
    if (std::isnan(close[row])) continue;
    if (previous) {
      const double adjusted = close[row] / close[*previous] - 1.0;
      const double raw = (close[row] / factor[row]) / (close[*previous] / factor[*previous]) - 1.0;
      if (std::abs(adjusted - raw) > kMaxAdjustmentGap && std::abs(adjusted) > std::abs(raw)) {
        out.push_back({std::string(symbol),
                       calendar.date_at(series.start_index + static_cast<std::int32_t>(row)),
                       adjusted, raw});
      }
    }
    previous = row;
  }
  return out;
}

void hold_out_before(BarSeries& series, std::int32_t first_kept) {
  const auto drop = static_cast<std::ptrdiff_t>(first_kept - series.start_index);
  if (drop <= 0 || static_cast<std::size_t>(drop) >= series.size()) {
    throw core::InvalidInput("hold_out_before: calendar index " + std::to_string(first_kept) +
                             " is not inside the series");
  }
  for (auto& column : series.columns) column.erase(column.begin(), column.begin() + drop);
  series.start_index = first_kept;
}

std::string quarantine_to_json(const std::vector<QuarantinedDay>& days) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& day : days) {
    list.push_back({{"symbol", day.symbol},
                    {"date", core::format_date(day.date)},
                    {"adjusted_return", day.adjusted_return},
                    {"raw_return", day.raw_return},
                    {"reason", day.reason()}});
  }
  return nlohmann::json{{"quarantined", list}}.dump(1) + "\n";
}

std::vector<QuarantinedDay> quarantine_from_json(std::string_view text, std::string_view origin) {
  std::vector<QuarantinedDay> out;
  try {
    const auto doc = nlohmann::json::parse(text);
    for (const auto& d : doc.at("quarantined")) {
      out.push_back({d.at("symbol").get<std::string>(),
                     core::parse_date(d.at("date").get<std::string>()),
                     d.at("adjusted_return").get<double>(), d.at("raw_return").get<double>()});
    }
  } catch (const nlohmann::json::exception& e) {
    throw core::InvalidInput("quarantine record " + std::string(origin) +
                             " is malformed: " + e.what());
  } catch (const core::InvalidInput& e) {
    throw core::InvalidInput("quarantine record " + std::string(origin) + ": " + e.what());
  }
  return out;
}

}  // namespace ae::market
