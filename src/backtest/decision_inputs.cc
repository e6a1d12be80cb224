#include "backtest/decision_inputs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "core/digest.h"

namespace ae::backtest {
namespace {

template <typename T>
std::string_view bytes_of(std::span<const T> values) {
  return {reinterpret_cast<const char*>(values.data()), values.size_bytes()};
}

}  // namespace

SeriesCache::SeriesCache(const market::BarStore& bars) : bars_(bars) {
  for (const auto& symbol : bars.symbols()) series_.emplace(symbol, bars.read(symbol));
  if (bars.has_universe()) universe_ = bars.read_universe();
  corporate_actions_ = bars.read_corporate_actions();
}

const market::SeriesView* SeriesCache::find(const std::string& symbol) const {
  const auto it = series_.find(symbol);
  return it == series_.end() ? nullptr : &it->second;
}

std::string SeriesCache::digest_through(core::Date through) const {
  const std::lock_guard lock(digests_mutex_);
  if (const auto it = digests_.find(through); it != digests_.end()) return it->second;
  core::Sha256 digest;
  for (const auto& [symbol, view] : series_) {
    const auto dates = view.dates();
    const auto rows = static_cast<std::size_t>(
        std::upper_bound(dates.begin(), dates.end(), through) - dates.begin());
    digest.update(fmt::format("{}|{}|{}|", symbol, view.start_index(), rows));
    for (int f = 0; f < market::kFieldCount; ++f)
      digest.update(bytes_of(view.field(static_cast<market::Field>(f)).first(rows)));
  }
  digest.update(market::universe_to_json(universe_));
  for (const auto& action : corporate_actions_)
    digest.update(fmt::format("|{}|{}|{}|{}|{}|{}", core::format_date(action.date), action.ticker,
                              static_cast<int>(action.kind),
                              action.cash ? fmt::format("{:a}", *action.cash) : "-",
                              action.acquirer, fmt::format("{:a}", action.ratio)));
  return digests_.emplace(through, digest.hex()).first->second;
}

}  // namespace ae::backtest
