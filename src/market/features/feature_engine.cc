#include "market/features/feature_engine.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <thread>

#include "core/error.h"
#include "market/features/alpha158.h"
#include "market/features/reference_features.h"

namespace ae::market::features {
namespace {

// Close of `view` at each calendar index (NaN where absent).
std::vector<double> aligned_close(const SeriesView& view, const std::vector<std::int32_t>& days) {
  std::vector<double> out(days.size(), NAN);
  const auto close = view.field(Field::kClose);
  for (std::size_t r = 0; r < days.size(); ++r) {
    if (days[r] >= view.start_index() && days[r] < view.end_index()) {
      out[r] = close[static_cast<std::size_t>(days[r] - view.start_index())];
    }
  }
  return out;
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
  // A field on the present rows: the mapped column itself when no row is
  // missing, else a compacted copy.
  std::array<std::vector<double>, kFieldCount> copies;
  auto field = [&](Field f) -> std::span<const double> {
    const auto all = view.field(f);
    if (result.day_indices.size() == view.size()) return all;
    auto& copy = copies[static_cast<std::size_t>(f)];
    copy.reserve(result.day_indices.size());
    for (const std::int32_t day : result.day_indices) {
      copy.push_back(all[static_cast<std::size_t>(day - view.start_index())]);
    }
    return copy;
  };
  TickerInput input;
  input.open = field(Field::kOpen);
  input.high = field(Field::kHigh);
  input.low = field(Field::kLow);
  input.close = field(Field::kClose);
  input.volume = field(Field::kVolume);
  input.vwap = field(Field::kVwap);
  std::vector<double> spy_close, sector_close;
  if (spy_) spy_close = aligned_close(*spy_, result.day_indices);
  if (const auto it = etf_of_ticker_.find(result.symbol); it != etf_of_ticker_.end()) {
    if (const auto etf = sector_etfs_.find(it->second); etf != sector_etfs_.end()) {
      sector_close = aligned_close(etf->second, result.day_indices);
    }
  }
  input.spy_close = spy_close;
  input.sector_close = sector_close;
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
