#include "market/features/feature_engine.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <memory>
#include <optional>
#include <span>
#include <thread>

#include "core/error.h"
#include "core/prefault.h"
#include "market/features/alpha158.h"
#include "market/features/reference_features.h"

namespace ae::market::features {
namespace {

// The close of `view` at each calendar index of `days` into `out` (NaN where
// absent).
void align_close(const SeriesView& view, const std::vector<std::int32_t>& days,
                 std::span<double> out) {
  const auto close = view.field(Field::kClose);
  for (std::size_t r = 0; r < days.size(); ++r) {
    const bool covered = days[r] >= view.start_index() && days[r] < view.end_index();
    out[r] = covered ? close[static_cast<std::size_t>(days[r] - view.start_index())] : NAN;
  }
}

// `field` of `view` on the calendar days [first, first + rows), when the view
// covers them all: the mapped column itself, nothing copied.
std::optional<std::span<const double>> field_on(const SeriesView& view, Field field,
                                                std::int32_t first, std::size_t rows) {
  if (first < view.start_index() ||
      static_cast<std::int64_t>(first) + static_cast<std::int64_t>(rows) > view.end_index())
    return std::nullopt;
  return view.field(field).subspan(static_cast<std::size_t>(first - view.start_index()), rows);
}

// The rows a symbol's features have: its present bars.
std::size_t present_rows(const SeriesView& view) {
  const auto close = view.field(Field::kClose);
  return static_cast<std::size_t>(
      std::count_if(close.begin(), close.end(), [](double c) { return !std::isnan(c); }));
}

}  // namespace

FeatureSet parse_feature_set(std::string_view name) {
  if (name == "ref") return FeatureSet::kReference;
  if (name == "alpha158") return FeatureSet::kAlpha158;
  throw core::InvalidInput("unknown feature set '" + std::string(name) + "' (ref|alpha158)");
}

const std::vector<std::string>& feature_names(FeatureSet set) {
  return set == FeatureSet::kReference ? reference_feature_names() : alpha158_feature_names();
}

FeatureEngine::FeatureEngine(const BarStore& store) : store_(store) {
  if (store.contains("SPY")) spy_ = store.read("SPY");
  for (Sector sector : all_sectors()) {
    const std::string etf(sector_etf(sector));
    if (store.contains(etf)) sector_etfs_.emplace(etf, store.read(etf));
  }
  if (store.has_universe()) {
    for (const auto& c : store.read_universe().constituents) {
      etf_of_ticker_.emplace(c.ticker, std::string(sector_etf(c.sector)));
    }
  }
}

SymbolFeatures FeatureEngine::compute(std::string_view symbol, FeatureSet set) const {
  return compute(symbol, store_.read(symbol), set, nullptr);
}

SymbolFeatures FeatureEngine::compute(std::string_view symbol, const SeriesView& view,
                                      FeatureSet set, std::shared_ptr<double[]> storage) const {
  SymbolFeatures result;
  result.symbol = std::string(symbol);
  const auto close = view.field(Field::kClose);
  result.day_indices.reserve(view.size());
  for (std::size_t r = 0; r < view.size(); ++r) {
    if (!std::isnan(close[r])) {
      result.day_indices.push_back(view.start_index() + static_cast<std::int32_t>(r));
    }
  }
  // The fields on the present rows, then SPY's and the sector ETF's closes
  // lined up on them: the mapped columns themselves where the present rows
  // are consecutive days (a symbol missing only before its first bar or
  // after its last) and the ETF covers them, else copies, all in one buffer.
  const auto& days = result.day_indices;
  const std::size_t rows = days.size();
  const std::int32_t first = rows == 0 ? view.start_index() : days.front();
  const bool consecutive = rows == 0 || static_cast<std::size_t>(days.back() - first) + 1 == rows;
  const SeriesView* sector = nullptr;
  if (const auto it = etf_of_ticker_.find(result.symbol); it != etf_of_ticker_.end()) {
    if (const auto etf = sector_etfs_.find(it->second); etf != sector_etfs_.end())
      sector = &etf->second;
  }
  auto etf_close = [&](const SeriesView* etf) {
    return etf != nullptr && consecutive ? field_on(*etf, Field::kClose, first, rows)
                                         : std::nullopt;
  };
  const auto spy_close = etf_close(spy_ ? &*spy_ : nullptr);
  const auto sector_close = etf_close(sector);
  const std::size_t copies = (consecutive ? 0 : kTickerInputFields.size()) +
                             (spy_ && !spy_close ? 1 : 0) +
                             (sector != nullptr && !sector_close ? 1 : 0);
  const auto buffer = std::make_unique_for_overwrite<double[]>(copies * rows);
  std::size_t used = 0;
  auto next_copy = [&] { return std::span<double>(buffer.get() + rows * used++, rows); };
  std::array<std::span<const double>, kTickerInputFields.size()> fields;
  for (std::size_t f = 0; f < kTickerInputFields.size(); ++f) {
    if (consecutive) {
      fields[f] = *field_on(view, kTickerInputFields[f], first, rows);
      continue;
    }
    const auto all = view.field(kTickerInputFields[f]);
    const auto copy = next_copy();
    for (std::size_t r = 0; r < rows; ++r)
      copy[r] = all[static_cast<std::size_t>(days[r] - view.start_index())];
    fields[f] = copy;
  }
  auto input = ticker_input(fields);
  auto aligned = [&](const SeriesView& etf, const std::optional<std::span<const double>>& mapped) {
    if (mapped) return *mapped;
    const auto copy = next_copy();
    align_close(etf, days, copy);
    return std::span<const double>(copy);
  };
  if (spy_) input.spy_close = aligned(*spy_, spy_close);
  if (sector != nullptr) input.sector_close = aligned(*sector, sector_close);
  result.values = set == FeatureSet::kReference
                      ? compute_reference_features(input, std::move(storage))
                      : compute_alpha158_features(input, std::move(storage));
  return result;
}

std::vector<SymbolFeatures> FeatureEngine::compute_all(const std::vector<std::string>& symbols,
                                                       FeatureSet set, unsigned threads) const {
  std::vector<SymbolFeatures> out(symbols.size());
  // Symbol i's matrix starts at offset[i] doubles into the block.
  std::vector<SeriesView> views;
  views.reserve(symbols.size());
  std::vector<std::size_t> offset(symbols.size() + 1, 0);
  const std::size_t width = feature_names(set).size();
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    views.push_back(store_.read(symbols[i]));
    offset[i + 1] = offset[i] + width * present_rows(views.back());
  }
  const auto bytes = core::map_for_write(offset.back() * sizeof(double));
  const std::shared_ptr<double[]> block(bytes, reinterpret_cast<double*>(bytes.get()));
  auto slice = [&](std::size_t i) {
    return offset[i + 1] == offset[i] ? nullptr
                                      : std::shared_ptr<double[]>(block, block.get() + offset[i]);
  };
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(threads);
  auto work = [&](unsigned worker) {
    try {
      for (std::size_t i = next++; i < symbols.size(); i = next++)
        out[i] = compute(symbols[i], views[i], set, slice(i));
    } catch (...) {
      errors[worker] = std::current_exception();
      next = symbols.size();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& thread : pool) thread.join();
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  return out;
}

}  // namespace ae::market::features
