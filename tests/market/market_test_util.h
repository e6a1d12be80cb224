// Helpers shared by the market tests: bars and series built by hand on real
// trading days.
#pragma once

#include <vector>

#include "market/bar.h"
#include "market/calendar.h"

namespace ae::market::test {

// A well-formed bar around `close` on `date`.
inline Bar make_bar(Date date, double close, double volume = 1e6) {
  Bar bar;
  bar.date = date;
  bar.open = close * 0.99;
  bar.high = close * 1.02;
  bar.low = close * 0.97;
  bar.close = close;
  bar.volume = volume;
  bar.vwap = close * 1.001;
  bar.factor = 1.0;
  return bar;
}

// `count` consecutive trading days starting at the first one on/after `from`.
inline std::vector<Date> trading_days(const TradingCalendar& calendar, Date from, int count) {
  std::vector<Date> out;
  std::int32_t index = *calendar.first_index_on_or_after(from);
  for (int i = 0; i < count; ++i) out.push_back(calendar.date_at(index + i));
  return out;
}

inline std::vector<Bar> make_bars(const TradingCalendar& calendar, Date from,
                                  const std::vector<double>& closes) {
  const auto days = trading_days(calendar, from, static_cast<int>(closes.size()));
  std::vector<Bar> bars;
  for (std::size_t i = 0; i < closes.size(); ++i) bars.push_back(make_bar(days[i], closes[i]));
  return bars;
}

}  // namespace ae::market::test
