#include "backtest/decision_inputs.h"

namespace ae::backtest {

SeriesCache::SeriesCache(const market::BarStore& bars) : bars_(bars) {
  for (const auto& symbol : bars.symbols()) series_.emplace(symbol, bars.read(symbol));
  if (bars.has_universe()) universe_ = bars.read_universe();
  corporate_actions_ = bars.read_corporate_actions();
}

const market::SeriesView* SeriesCache::find(const std::string& symbol) const {
  const auto it = series_.find(symbol);
  return it == series_.end() ? nullptr : &it->second;
}

}  // namespace ae::backtest
