#include "market/import/importer.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <tuple>

#include "core/error.h"
#include "market/import/csv_reader.h"

namespace ae::market {
namespace {

// Where a dated row came from: one of the request's paths (which outlive
// the import) and the line.
struct Location {
  const std::string* file = nullptr;
  std::size_t line = 0;
};

// Bars waiting to be written, with where each dated row came from.
struct Pending {
  BarSeries series;
  bool replace = false;  // a per-ticker file: the whole history
  std::map<std::int32_t, Location> origin;
  std::size_t bars = 0;
};

Date parse_row_date(const CsvReader& table, const CsvRow& row, std::size_t column) {
  try {
    return core::parse_date(row.fields[column]);
  } catch (const core::InvalidInput&) {
    throw core::InvalidInput(table.where(row, table.header()[column]) + "'" + row.fields[column] +
                             "' is not a date (YYYY-MM-DD)");
  }
}

std::int32_t trading_index(const CsvReader& table, const CsvRow& row, std::size_t column, Date date,
                           const TradingCalendar& calendar) {
  if (!calendar.is_trading_day(date)) {
    throw core::InvalidInput(table.where(row, table.header()[column]) + core::format_date(date) +
                             " is not an NYSE trading day");
  }
  return calendar.index_of(date);
}

double positive_price(const CsvReader& table, const CsvRow& row, std::size_t column) {
  const double value = parse_number(table, row, column, table.header()[column]);
  if (value <= 0) {
    throw core::InvalidInput(table.where(row, table.header()[column]) + "price " +
                             row.fields[column] + " is not > 0");
  }
  if (value > kMaxPlausiblePrice) {
    throw core::InvalidInput(table.where(row, table.header()[column]) + "price " +
                             row.fields[column] + " is beyond any plausible share price (" +
                             fmt::format("{:g}", kMaxPlausiblePrice) + ")");
  }
  return value;
}

std::string ticker_from_path(const std::string& path) {
  std::string stem = std::filesystem::path(path).stem().string();
  for (char& c : stem) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  try {
    validate_symbol(stem);
  } catch (const core::InvalidInput& e) {
    throw core::InvalidInput(path + ": the file name must be the ticker: " + e.what());
  }
  return stem;
}

// Records where the row of `index` came from; a second row of the same
// date in the same file is an error ("duplicate date`what` (also on line N)").
void record_origin(Pending& pending, std::int32_t index, const std::string& path,
                   const CsvReader& table, const CsvRow& row, std::string_view field,
                   std::string_view what = "") {
  const auto [it, inserted] = pending.origin.try_emplace(index, Location{&path, row.line});
  if (inserted) return;
  if (it->second.file == &path)
    throw core::InvalidInput(table.where(row, field) + "duplicate date" + std::string(what) +
                             " (also on line " + std::to_string(it->second.line) + ")");
  it->second = {&path, row.line};  // a later file overwrites the date
}

void read_per_ticker(const std::string& path, const TradingCalendar& calendar,
                     std::map<std::string, Pending>& pending) {
  const std::string ticker = ticker_from_path(path);
  CsvReader table(path);
  const std::size_t c_date = table.require_column("Date");
  const std::size_t c_open = table.require_column("Open");
  const std::size_t c_high = table.require_column("High");
  const std::size_t c_low = table.require_column("Low");
  const std::size_t c_close = table.require_column("Close");
  const auto c_adj = table.column("Adj Close");
  const std::size_t c_volume = table.require_column("Volume");
  Pending next;
  next.replace = true;
  std::vector<Bar> bars;
  for (CsvRow row; table.next(row);) {
    Bar bar;
    bar.date = parse_row_date(table, row, c_date);
    const std::int32_t index = trading_index(table, row, c_date, bar.date, calendar);
    record_origin(next, index, path, table, row, table.header()[c_date]);
    const double open = positive_price(table, row, c_open);
    const double high = positive_price(table, row, c_high);
    const double low = positive_price(table, row, c_low);
    const double close = positive_price(table, row, c_close);
    const double volume = parse_number(table, row, c_volume, table.header()[c_volume]);
    const double factor = c_adj ? positive_price(table, row, *c_adj) / close : 1.0;
    bar.open = open * factor;
    bar.high = high * factor;
    bar.low = low * factor;
    bar.close = close * factor;
    bar.volume = volume / factor;
    bar.factor = factor;
    bars.push_back(bar);
  }
  if (bars.empty()) throw core::InvalidInput(path + ": no rows");
  if (pending.contains(ticker)) {
    throw core::InvalidInput(path + ": ticker " + ticker + " is given by two per-ticker files");
  }
  next.bars = bars.size();
  next.series = series_from_bars(std::move(bars), calendar, ticker);
  pending[ticker] = std::move(next);
}

void read_long(const std::string& path, const BarStore& store,
               std::map<std::string, Pending>& pending) {
  const TradingCalendar& calendar = store.calendar();
  CsvReader table(path);
  const std::size_t c_ticker = table.require_column("ticker");
  const std::size_t c_date = table.require_column("date");
  const std::size_t c_open = table.require_column("open");
  const std::size_t c_high = table.require_column("high");
  const std::size_t c_low = table.require_column("low");
  const std::size_t c_close = table.require_column("close");
  const std::size_t c_volume = table.require_column("volume");
  const auto c_vwap = table.column("vwap");
  std::map<std::string, std::vector<Bar>> by_ticker;
  for (CsvRow row; table.next(row);) {
    const std::string& ticker = row.fields[c_ticker];
    try {
      validate_symbol(ticker);
    } catch (const core::InvalidInput& e) {
      throw core::InvalidInput(table.where(row, table.header()[c_ticker]) + e.what());
    }
    Bar bar;
    bar.date = parse_row_date(table, row, c_date);
    const std::int32_t index = trading_index(table, row, c_date, bar.date, calendar);
    auto it = pending.find(ticker);
    if (it == pending.end()) {
      Pending fresh;
      if (store.contains(ticker)) fresh.series = store.read(ticker).to_series();
      it = pending.emplace(ticker, std::move(fresh)).first;
    }
    record_origin(it->second, index, path, table, row, table.header()[c_date], " for " + ticker);
    bar.open = positive_price(table, row, c_open);
    bar.high = positive_price(table, row, c_high);
    bar.low = positive_price(table, row, c_low);
    bar.close = positive_price(table, row, c_close);
    bar.volume = parse_number(table, row, c_volume, table.header()[c_volume]);
    if (c_vwap && !row.fields[*c_vwap].empty()) bar.vwap = positive_price(table, row, *c_vwap);
    bar.factor = 1.0;
    by_ticker[ticker].push_back(bar);
  }
  for (auto& [ticker, bars] : by_ticker) {
    Pending& p = pending.at(ticker);
    merge_bars(p.series, bars, calendar, ticker);
    p.bars += bars.size();
  }
}

Universe parse_universe_csv(const std::string& path) {
  CsvReader table(path);
  const std::size_t c_ticker = table.require_column("ticker");
  const std::size_t c_name = table.require_column("name");
  const std::size_t c_sector = table.require_column("sector");
  const std::size_t c_index = table.require_column("index");
  const auto c_added = table.column("added");
  const auto c_removed = table.column("removed");
  std::map<std::string, Constituent> by_ticker;
  for (CsvRow row; table.next(row);) {
    const std::string& ticker = row.fields[c_ticker];
    try {
      validate_symbol(ticker);
    } catch (const core::InvalidInput& e) {
      throw core::InvalidInput(table.where(row, "ticker") + e.what());
    }
    const auto sector = try_canonical_sector(row.fields[c_sector]);
    if (!sector) {
      throw core::InvalidInput(table.where(row, "sector") + "unknown sector '" +
                               row.fields[c_sector] + "'");
    }
    if (row.fields[c_index].empty()) throw core::InvalidInput(table.where(row, "index") + "empty");
    Membership membership;
    membership.index = row.fields[c_index];
    membership.added = kCalendarEpoch;
    auto parse_optional = [&](std::optional<std::size_t> column, std::string_view field) {
      std::optional<Date> out;
      if (column && !row.fields[*column].empty()) {
        try {
          out = core::parse_date(row.fields[*column]);
        } catch (const core::InvalidInput&) {
          throw core::InvalidInput(table.where(row, field) + "'" + row.fields[*column] +
                                   "' is not a date (YYYY-MM-DD)");
        }
      }
      return out;
    };
    if (auto added = parse_optional(c_added, "added")) membership.added = *added;
    membership.removed = parse_optional(c_removed, "removed");
    if (membership.removed && *membership.removed <= membership.added) {
      throw core::InvalidInput(table.where(row, "removed") + "not after added");
    }
    auto [it, inserted] = by_ticker.try_emplace(ticker);
    Constituent& c = it->second;
    if (inserted) {
      c.ticker = ticker;
      c.name = row.fields[c_name];
      c.sector = *sector;
    } else if (c.sector != *sector) {
      throw core::InvalidInput(table.where(row, "sector") + "ticker " + ticker +
                               " already has sector " + std::string(sector_name(c.sector)));
    }
    c.memberships.push_back(std::move(membership));
  }
  Universe universe;
  for (auto& [ticker, c] : by_ticker) universe.constituents.push_back(std::move(c));
  return universe;
}

// Holds out the bars before each pending series' last adjustment jump
// (quarantine.h); returns the jumps and counts the held-out bars.
std::vector<QuarantinedDay> quarantine_jumps(std::map<std::string, Pending>& pending,
                                             const TradingCalendar& calendar,
                                             std::size_t& held_out_bars) {
  std::vector<QuarantinedDay> out;
  for (auto& [symbol, p] : pending) {
    const auto jumps = find_adjustment_jumps(symbol, p.series, calendar);
    if (jumps.empty()) continue;
    const std::size_t present = p.series.present_count();
    hold_out_before(p.series, calendar.index_of(jumps.back().date));
    held_out_bars += present - p.series.present_count();
    out.insert(out.end(), jumps.begin(), jumps.end());
  }
  return out;
}

// The stored record with this import's changes: a replaced symbol's entries
// go, merged symbols keep theirs, and the new days are added (replacing an
// entry for the same symbol-day).
std::vector<QuarantinedDay> updated_quarantine(std::vector<QuarantinedDay> record,
                                               const std::map<std::string, Pending>& pending,
                                               const std::vector<QuarantinedDay>& found) {
  std::erase_if(record, [&](const QuarantinedDay& day) {
    const auto it = pending.find(day.symbol);
    return it != pending.end() && it->second.replace;
  });
  const auto key = [](const QuarantinedDay& day) { return std::tie(day.symbol, day.date); };
  for (const auto& day : found) {
    std::erase_if(record, [&](const QuarantinedDay& old) { return key(old) == key(day); });
    record.push_back(day);
  }
  std::sort(record.begin(), record.end(),
            [&](const QuarantinedDay& a, const QuarantinedDay& b) { return key(a) < key(b); });
  return record;
}

}  // namespace

Universe parse_universe_csvs(const std::vector<std::string>& paths) {
  Universe universe;
  std::map<std::string, std::string> file_of;
  for (const auto& path : paths) {
    for (auto& c : parse_universe_csv(path).constituents) {
      const auto [it, inserted] = file_of.emplace(c.ticker, path);
      if (!inserted) {
        throw core::InvalidInput(path + ": ticker " + c.ticker + " is also in " + it->second +
                                 " (a ticker may be in one universe file only)");
      }
      universe.constituents.push_back(std::move(c));
    }
  }
  std::sort(universe.constituents.begin(), universe.constituents.end(),
            [](const Constituent& a, const Constituent& b) { return a.ticker < b.ticker; });
  universe.macro_symbols = default_macro_symbols();
  return universe;
}

ImportResult import_files(BarStore& store, const ImportRequest& request) {
  ImportResult result;
  std::optional<Universe> universe;
  if (!request.universe_files.empty()) universe = parse_universe_csvs(request.universe_files);

  std::map<std::string, Pending> pending;
  const std::size_t total = request.per_ticker_files.size();
  const std::size_t step = std::max<std::size_t>(1, total / 10);
  for (std::size_t i = 0; i < total; ++i) {
    read_per_ticker(request.per_ticker_files[i], store.calendar(), pending);
    if (total >= 20 && (i + 1) % step == 0) spdlog::info("import: read {}/{} files", i + 1, total);
  }
  for (const auto& path : request.long_files) read_long(path, store, pending);

  // Gate everything before writing anything.
  for (const auto& [symbol, p] : pending) {
    for (const auto& issue : check_series(symbol, p.series, store.calendar())) {
      if (issue.severity != Severity::kBlocking) continue;
      const auto it = p.origin.find(store.calendar().index_of(issue.date));
      const std::string where = it == p.origin.end()
                                    ? std::string("stored bars")
                                    : *it->second.file + ":" + std::to_string(it->second.line);
      throw core::InvalidInput(where + ": field " + issue.field + ": " + issue.message + " (" +
                               symbol + " " + core::format_date(issue.date) + ")");
    }
  }
  result.quarantined = quarantine_jumps(pending, store.calendar(), result.held_out_bars);
  const auto record = store.read_quarantine();
  const auto next_record = updated_quarantine(record, pending, result.quarantined);

  for (const auto& [symbol, p] : pending) {
    auto warnings = store.write(symbol, p.series);
    log_warnings(warnings);
    std::move(warnings.begin(), warnings.end(), std::back_inserter(result.warnings));
    result.bars += p.bars;
    ++result.symbols;
  }
  if (next_record != record) store.write_quarantine(next_record);
  if (universe) {
    store.write_universe(*universe);
    result.universe_tickers = universe->constituents.size();
  }
  return result;
}

}  // namespace ae::market
