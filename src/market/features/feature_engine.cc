#include "market/features/feature_engine.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <memory>
#include <span>
#include <thread>

#include "core/error.h"
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
  const SeriesView view = store_.read(symbol);
  SymbolFeatures result;
  result.symbol = std::string(symbol);
  const auto close = view.field(Field::kClose);
  result.day_indices.reserve(view.size());
  for (std::size_t r = 0; r < view.size(); ++r) {
    if (!std::isnan(close[r])) {
      result.day_indices.push_back(view.start_index() + static_cast<std::int32_t>(r));
    }
  }
  // The fields on the present rows: the mapped columns themselves when no row
  // is missing, else compacted copies; then SPY's and the sector ETF's closes
  // lined up on them. One buffer holds every copy.
  const std::size_t rows = result.day_indices.size();
  const bool compact = rows != view.size();
  const SeriesView* sector = nullptr;
  if (const auto it = etf_of_ticker_.find(result.symbol); it != etf_of_ticker_.end()) {
    if (const auto etf = sector_etfs_.find(it->second); etf != sector_etfs_.end())
      sector = &etf->second;
  }
  const std::size_t copies =
      (compact ? kTickerInputFields.size() : 0) + (spy_ ? 1 : 0) + (sector != nullptr ? 1 : 0);
  const auto buffer = std::make_unique_for_overwrite<double[]>(copies * rows);
  std::size_t used = 0;
  auto next_copy = [&] { return std::span<double>(buffer.get() + rows * used++, rows); };
  std::array<std::span<const double>, kTickerInputFields.size()> fields;
  for (std::size_t f = 0; f < kTickerInputFields.size(); ++f) {
    const auto all = view.field(kTickerInputFields[f]);
    if (!compact) {
      fields[f] = all;
      continue;
    }
    const auto copy = next_copy();
    for (std::size_t r = 0; r < rows; ++r)
      copy[r] = all[static_cast<std::size_t>(result.day_indices[r] - view.start_index())];
    fields[f] = copy;
  }
  auto input = ticker_input(fields);
  if (spy_) {
    const auto copy = next_copy();
    align_close(*spy_, result.day_indices, copy);
    input.spy_close = copy;
  }
  if (sector != nullptr) {
    const auto copy = next_copy();
    align_close(*sector, result.day_indices, copy);
    input.sector_close = copy;
  }
  result.values = set == FeatureSet::kReference ? compute_reference_features(input)
                                                : compute_alpha158_features(input);
  return result;
}

std::vector<SymbolFeatures> FeatureEngine::compute_all(const std::vector<std::string>& symbols,
                                                       FeatureSet set, unsigned threads) const {
  std::vector<SymbolFeatures> out(symbols.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(threads);
  auto work = [&](unsigned worker) {
    try {
      for (std::size_t i = next++; i < symbols.size(); i = next++)
        out[i] = compute(symbols[i], set);
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
