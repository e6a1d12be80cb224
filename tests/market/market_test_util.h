// Helpers shared by the market tests: bars and series built by hand on real
// trading days, and Yahoo daily CSV files to import.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "market/bar.h"
#include "market/calendar.h"

namespace ae::market::test {

// One trading calendar for every test (building it is not free).
inline const TradingCalendar& calendar() {
  static const TradingCalendar instance;
  return instance;
}

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

// One row of a Yahoo daily CSV: the raw close, the adjusted close, the volume.
struct CsvDay {
  double close = 100.0;
  double adj_close = 100.0;
  double volume = 1e6;
};

// `count` days closing at `close` (adjusted = raw).
inline std::vector<CsvDay> flat_days(int count, double close = 100.0) {
  return std::vector<CsvDay>(static_cast<std::size_t>(count), CsvDay{close, close, 1e6});
}

// Writes Date,Open,High,Low,Close,Adj Close,Volume for consecutive trading
// days from the first one on/after `from` (creating the parent folder).
inline void write_yahoo_csv(const std::filesystem::path& path, const TradingCalendar& calendar,
                            Date from, const std::vector<CsvDay>& days) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path);
  out.precision(10);
  out << "Date,Open,High,Low,Close,Adj Close,Volume\n";
  const auto dates = trading_days(calendar, from, static_cast<int>(days.size()));
  for (std::size_t i = 0; i < days.size(); ++i) {
    const double c = days[i].close;
    out << core::format_date(dates[i]) << ',' << c * 0.99 << ',' << c * 1.02 << ',' << c * 0.97
        << ',' << c << ',' << days[i].adj_close << ',' << days[i].volume << '\n';
  }
}

// Writes a universe CSV (ticker,name,sector,index), one SP500 Technology row
// per ticker.
inline void write_universe_csv(const std::filesystem::path& path,
                               const std::vector<std::string>& tickers) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path);
  out << "ticker,name,sector,index\n";
  for (const auto& ticker : tickers) out << ticker << ',' << ticker << " Inc.,Technology,SP500\n";
}

}  // namespace ae::market::test
