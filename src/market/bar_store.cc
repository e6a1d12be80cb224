#include "market/bar_store.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "core/atomic_file.h"
#include "core/closest_names.h"
#include "core/error.h"

namespace ae::market {
namespace {

constexpr std::string_view kBarsDir = "bars";
constexpr std::string_view kSuffix = ".bin";
constexpr std::string_view kUniverseFile = "universe.json";
constexpr std::string_view kQuarantineFile = "quarantine.json";
constexpr std::string_view kCorporateActionsFile = "corporate_actions.csv";

}  // namespace

SeriesView::SeriesView(std::shared_ptr<const MappedFile> file, SeriesColumns columns,
                       std::shared_ptr<const TradingCalendar> calendar)
    : file_(std::move(file)), columns_(columns), calendar_(std::move(calendar)) {}

Date SeriesView::date_at(std::size_t row) const {
  return calendar_->date_at(columns_.start_index + static_cast<std::int32_t>(row));
}

std::span<const Date> SeriesView::dates() const {
  return calendar_->days().subspan(static_cast<std::size_t>(columns_.start_index), size());
}

std::optional<std::size_t> SeriesView::row_of(Date date) const {
  if (!calendar_->is_trading_day(date)) return std::nullopt;
  const std::int32_t index = calendar_->index_of(date);
  if (index < start_index() || index >= end_index()) return std::nullopt;
  return static_cast<std::size_t>(index - start_index());
}

double SeriesView::value_on(Field f, Date date) const {
  const auto row = row_of(date);
  return row ? field(f)[*row] : NAN;
}

Bar SeriesView::bar(std::size_t row) const {
  Bar out;
  out.date = date_at(row);
  out.open = field(Field::kOpen)[row];
  out.high = field(Field::kHigh)[row];
  out.low = field(Field::kLow)[row];
  out.close = field(Field::kClose)[row];
  out.volume = field(Field::kVolume)[row];
  out.vwap = field(Field::kVwap)[row];
  out.factor = field(Field::kFactor)[row];
  return out;
}

std::optional<std::size_t> SeriesView::last_present_row() const {
  const auto close = field(Field::kClose);
  for (std::size_t i = close.size(); i > 0; --i) {
    if (!std::isnan(close[i - 1])) return i - 1;
  }
  return std::nullopt;
}

std::optional<std::size_t> SeriesView::last_present_row_before(Date date) const {
  const auto close = field(Field::kClose);
  for (std::size_t i = close.size(); i > 0; --i) {
    if (date_at(i - 1) >= date) continue;
    if (!std::isnan(close[i - 1])) return i - 1;
  }
  return std::nullopt;
}

BarSeries SeriesView::to_series() const {
  BarSeries out;
  out.start_index = start_index();
  for (int f = 0; f < kFieldCount; ++f) {
    out.columns[f].assign(columns_.columns[f].begin(), columns_.columns[f].end());
  }
  return out;
}

BarStore::BarStore(std::filesystem::path root)
    : root_(std::move(root)), calendar_(std::make_shared<const TradingCalendar>()) {}

std::filesystem::path BarStore::series_path(std::string_view symbol) const {
  validate_symbol(symbol);
  return root_ / kBarsDir / (std::string(symbol) + std::string(kSuffix));
}

std::vector<std::string> BarStore::symbols() const {
  std::vector<std::string> out;
  const auto dir = root_ / kBarsDir;
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(core::kTempPrefix) || !name.ends_with(kSuffix)) continue;
    out.push_back(name.substr(0, name.size() - kSuffix.size()));
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool BarStore::contains(std::string_view symbol) const {
  std::error_code error;
  return std::filesystem::exists(series_path(symbol), error);
}

SymbolListing::SymbolListing(const BarStore& store) : symbols_(store.symbols()) {}

bool SymbolListing::contains(std::string_view symbol) const {
  validate_symbol(symbol);
  return std::binary_search(symbols_.begin(), symbols_.end(), symbol, std::less<>{});
}

SeriesView BarStore::read(std::string_view symbol) const {
  const auto path = series_path(symbol);
  const auto no_bars = [&] {
    forget(symbol);
    return core::NotFound("no bars for symbol '" + std::string(symbol) + "' in " + root_.string() +
                          core::did_you_mean(symbol, symbols()));
  };
  const auto identity = FileIdentity::of(path);
  if (!identity) throw no_bars();
  {
    const std::lock_guard lock(read_cache_->mutex);
    const auto cached = read_cache_->series.find(std::string(symbol));
    if (cached != read_cache_->series.end() && cached->second.file->identity() == *identity)
      return SeriesView(cached->second.file, cached->second.columns, calendar_);
  }
  std::shared_ptr<const MappedFile> file;
  try {
    file = std::make_shared<const MappedFile>(path);
  } catch (const core::NotFound&) {
    throw no_bars();
  }
  SeriesColumns columns = decode_series(file->bytes(), path.string());
  if (columns.start_index < 0 ||
      columns.start_index + static_cast<std::int64_t>(columns.count) > calendar_->size()) {
    throw core::IoError("bar file " + path.string() + " lies outside the trading calendar");
  }
  {
    const std::lock_guard lock(read_cache_->mutex);
    read_cache_->series.insert_or_assign(std::string(symbol), MappedSeries{file, columns});
  }
  return SeriesView(std::move(file), columns, calendar_);
}

void BarStore::forget(std::string_view symbol) const {
  const std::lock_guard lock(read_cache_->mutex);
  read_cache_->series.erase(std::string(symbol));
}

std::vector<QualityIssue> BarStore::write(std::string_view symbol, const BarSeries& series) {
  const auto path = series_path(symbol);
  if (series.start_index < 0 ||
      series.start_index + static_cast<std::int64_t>(series.size()) > calendar_->size()) {
    throw core::InvalidInput("series for '" + std::string(symbol) +
                             "' lies outside the trading calendar");
  }
  auto warnings = enforce_gates(symbol, series, *calendar_);
  core::write_file_atomically(path, encode_series(series));
  forget(symbol);
  return warnings;
}

std::vector<QualityIssue> BarStore::merge(std::string_view symbol, const std::vector<Bar>& bars) {
  if (bars.empty()) return {};
  BarSeries series;
  if (contains(symbol)) series = read(symbol).to_series();
  const std::size_t first_changed = merge_bars(series, bars, *calendar_, symbol);
  const auto path = series_path(symbol);
  auto warnings = enforce_gates(symbol, series, *calendar_, first_changed);
  core::write_file_atomically(path, encode_series(series));
  forget(symbol);
  return warnings;
}

bool BarStore::remove(std::string_view symbol) {
  std::error_code error;
  const bool removed = std::filesystem::remove(series_path(symbol), error);
  forget(symbol);
  if (error)
    throw core::IoError("cannot remove bars of '" + std::string(symbol) + "': " + error.message());
  return removed;
}

bool BarStore::has_universe() const {
  std::error_code error;
  return std::filesystem::exists(root_ / kUniverseFile, error);
}

Universe BarStore::read_universe() const {
  const auto path = root_ / kUniverseFile;
  std::string text;
  try {
    text = core::read_file(path);
  } catch (const core::NotFound&) {
    throw core::NotFound("no universe in " + root_.string() +
                         " (run `ae data synth` or `ae data import --universe`)");
  }
  return universe_from_json(text, path.string());
}

void BarStore::write_universe(const Universe& universe) {
  core::write_file_atomically(root_ / kUniverseFile, universe_to_json(universe));
}

std::vector<CorporateAction> BarStore::read_corporate_actions() const {
  return market::read_corporate_actions((root_ / kCorporateActionsFile).string(), *calendar_);
}

std::vector<QuarantinedDay> BarStore::read_quarantine() const {
  const auto path = root_ / kQuarantineFile;
  std::string text;
  try {
    text = core::read_file(path);
  } catch (const core::NotFound&) {
    return {};
  }
  return quarantine_from_json(text, path.string());
}

void BarStore::write_quarantine(const std::vector<QuarantinedDay>& days) {
  core::write_file_atomically(root_ / kQuarantineFile, quarantine_to_json(days));
}

std::size_t merge_bars(BarSeries& series, const std::vector<Bar>& bars,
                       const TradingCalendar& calendar, std::string_view symbol) {
  if (bars.empty()) return series.size();
  std::vector<std::int32_t> indices;
  indices.reserve(bars.size());
  for (const auto& bar : bars) {
    if (!calendar.is_trading_day(bar.date)) {
      throw core::InvalidInput(std::string(symbol) + " " + core::format_date(bar.date) +
                               ": not an NYSE trading day");
    }
    indices.push_back(calendar.index_of(bar.date));
  }
  const auto [lo, hi] = std::minmax_element(indices.begin(), indices.end());
  if (series.empty()) {
    series = BarSeries{};
    series.start_index = *lo;
  } else if (*lo < series.start_index) {
    BarSeries widened;
    widened.start_index = *lo;
    widened.resize(static_cast<std::size_t>(series.start_index - *lo));
    for (int f = 0; f < kFieldCount; ++f) {
      widened.columns[f].insert(widened.columns[f].end(), series.columns[f].begin(),
                                series.columns[f].end());
    }
    series = std::move(widened);
  }
  const auto needed = static_cast<std::size_t>(*hi - series.start_index + 1);
  if (needed > series.size()) series.resize(needed);
  std::size_t first_changed = series.size();
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto row = static_cast<std::size_t>(indices[i] - series.start_index);
    series.set_row(row, bars[i]);
    first_changed = std::min(first_changed, row);
  }
  return first_changed;
}

BarSeries series_from_bars(std::vector<Bar> bars, const TradingCalendar& calendar,
                           std::string_view symbol) {
  BarSeries series;
  if (bars.empty()) return series;
  std::sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) { return a.date < b.date; });
  for (std::size_t i = 0; i < bars.size(); ++i) {
    if (!calendar.is_trading_day(bars[i].date)) {
      throw core::InvalidInput(std::string(symbol) + " " + core::format_date(bars[i].date) +
                               ": not an NYSE trading day");
    }
    if (i > 0 && bars[i].date == bars[i - 1].date) {
      throw core::InvalidInput(std::string(symbol) + " " + core::format_date(bars[i].date) +
                               ": duplicate date");
    }
  }
  series.start_index = calendar.index_of(bars.front().date);
  const std::int32_t end = calendar.index_of(bars.back().date);
  series.resize(static_cast<std::size_t>(end - series.start_index + 1));
  for (const auto& bar : bars) {
    series.set_row(static_cast<std::size_t>(calendar.index_of(bar.date) - series.start_index), bar);
  }
  return series;
}

}  // namespace ae::market
