// The columnar bar store under $AE_HOME/market/:
//   bars/<SYMBOL>.bin   one file per symbol (constituents and macro series
//                       alike), format in series_file.h: one contiguous
//                       float64 array per field, dense on the trading
//                       calendar from a start index (as Qlib);
//   universe.json       the universe (universe.h);
//   quarantine.json     the quarantined symbol-days (quarantine.h);
//   corporate_actions.csv  delistings and mergers, the operator's (corporate_actions.h).
// Reads are memory-mapped (SeriesView shares the mapping and the calendar,
// so it outlives the store that opened it; safe across threads). A store
// keeps the mappings it made and serves a symbol read again from its mapping
// while the symbol's path still names the file mapped (market/mapped_file.h's
// FileIdentity): one stat instead of mapping, faulting in and unmapping the
// file again. A file replaced since is mapped anew, so a read always sees the
// symbol's current file. Every write - full replace, end-of-day append, same-day overwrite
// of a provisional bar - runs the quality gates (quality.h) first and then
// replaces the symbol's file atomically (core::write_file_atomically): a crash
// at any point leaves the old file or the new one, never a torn one, so the
// store stays readable. Multi-symbol writes are atomic per symbol.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "market/bar.h"
#include "market/calendar.h"
#include "market/corporate_actions.h"
#include "market/mapped_file.h"
#include "market/quality.h"
#include "market/quarantine.h"
#include "market/series_file.h"
#include "market/universe.h"

namespace ae::market {

// A read-only, memory-mapped view of one symbol's bars.
class SeriesView {
 public:
  SeriesView(std::shared_ptr<const MappedFile> file, SeriesColumns columns,
             std::shared_ptr<const TradingCalendar> calendar);

  std::int32_t start_index() const { return columns_.start_index; }
  std::int32_t end_index() const {
    return columns_.start_index + static_cast<std::int32_t>(size());
  }
  std::size_t size() const { return columns_.count; }
  bool empty() const { return size() == 0; }
  std::span<const double> field(Field field) const {
    return columns_.columns[static_cast<int>(field)];
  }
  Date date_at(std::size_t row) const;
  // The date of every row (the calendar's days the series covers).
  std::span<const Date> dates() const;
  Date first_date() const { return date_at(0); }
  Date last_date() const { return date_at(size() - 1); }
  // Row of `date`, if the series covers it (the bar may still be missing).
  std::optional<std::size_t> row_of(Date date) const;
  // Value on `date`, NaN if not covered or missing.
  double value_on(Field field, Date date) const;
  Bar bar(std::size_t row) const;
  // Whether the row is a missing bar (Bar::missing, without building the Bar).
  bool missing(std::size_t row) const {
    return Bar::no_prices(field(Field::kOpen)[row], field(Field::kHigh)[row],
                          field(Field::kLow)[row], field(Field::kClose)[row]);
  }
  // The last row whose bar is present; of those dated before `date`.
  std::optional<std::size_t> last_present_row() const;
  std::optional<std::size_t> last_present_row_before(Date date) const;
  BarSeries to_series() const;

 private:
  std::shared_ptr<const MappedFile> file_;
  SeriesColumns columns_;
  std::shared_ptr<const TradingCalendar> calendar_;
};

class BarStore {
 public:
  explicit BarStore(std::filesystem::path root);

  const std::filesystem::path& root() const { return root_; }
  const TradingCalendar& calendar() const { return *calendar_; }
  std::shared_ptr<const TradingCalendar> shared_calendar() const { return calendar_; }

  std::vector<std::string> symbols() const;  // sorted
  bool contains(std::string_view symbol) const;
  // Throws core::NotFound for an unknown symbol, core::IoError if corrupt.
  SeriesView read(std::string_view symbol) const;

  // Replaces the whole series after gating every row. Returns the warnings.
  std::vector<QualityIssue> write(std::string_view symbol, const BarSeries& series);
  // Merges dated bars into the symbol's series (creating it if absent): a bar
  // for a new date appends (gaps become missing rows), a bar for an existing
  // date overwrites it (provisional -> final). Gates the rows from the first
  // changed one to the end. Bars must fall on trading days.
  std::vector<QualityIssue> merge(std::string_view symbol, const std::vector<Bar>& bars);
  // Removes a symbol; false if it was absent.
  bool remove(std::string_view symbol);

  bool has_universe() const;
  Universe read_universe() const;  // NotFound if never written
  void write_universe(const Universe& universe);

  // The delistings and mergers (empty without the file); InvalidInput naming
  // file, line and field for a bad row.
  std::vector<CorporateAction> read_corporate_actions() const;

  // The quarantined symbol-days (empty when none were ever recorded).
  std::vector<QuarantinedDay> read_quarantine() const;
  void write_quarantine(const std::vector<QuarantinedDay>& days);

 private:
  struct MappedSeries {
    std::shared_ptr<const MappedFile> file;
    SeriesColumns columns;
  };
  struct ReadCache {  // shared by copies of the store
    std::mutex mutex;
    std::unordered_map<std::string, MappedSeries> series;
  };

  std::filesystem::path series_path(std::string_view symbol) const;
  // Drops the symbol's mapping (after a write or a removal; views keep theirs).
  void forget(std::string_view symbol) const;

  std::filesystem::path root_;
  std::shared_ptr<const TradingCalendar> calendar_;
  std::shared_ptr<ReadCache> read_cache_ = std::make_shared<ReadCache>();
};

// The store's symbols, listed once: membership of many symbols for the cost
// of one directory listing (BarStore::contains looks each up in the file
// system). A snapshot: a symbol written after the listing is not in it.
class SymbolListing {
 public:
  explicit SymbolListing(const BarStore& store);
  // BarStore::contains as of the listing: InvalidInput for a malformed symbol.
  bool contains(std::string_view symbol) const;
  const std::vector<std::string>& symbols() const { return symbols_; }  // sorted

 private:
  std::vector<std::string> symbols_;  // sorted
};

// Writes dated bars into `series` (an empty series starts at the earliest
// bar): new dates extend it (gaps become missing rows), existing dates are
// overwritten. Returns the first changed row. Throws InvalidInput naming the
// symbol and date for a non-trading day.
std::size_t merge_bars(BarSeries& series, const std::vector<Bar>& bars,
                       const TradingCalendar& calendar, std::string_view symbol);

// Converts dated bars (sorted or not) into a dense series on the calendar.
// Throws InvalidInput on a non-trading date or a duplicate date.
BarSeries series_from_bars(std::vector<Bar> bars, const TradingCalendar& calendar,
                           std::string_view symbol);

}  // namespace ae::market
