#include "executor/portfolio.h"

#include "core/error.h"

namespace ae::executor {

const Position* Portfolio::find(const std::string& ticker) const {
  for (const auto& position : positions)
    if (position.ticker == ticker) return &position;
  return nullptr;
}

double Portfolio::invested() const {
  double total = 0;
  for (const auto& position : positions) total += position.market_value;
  return total;
}

double Portfolio::sector_exposure(const std::string& sector) const {
  double total = 0;
  for (const auto& position : positions)
    if (!sector.empty() && position.sector == sector) total += position.market_value;
  return total;
}

PriceHistory PriceHistory::own_columns(PriceColumns columns) {
  const auto n = columns.close.size();
  const auto fits = [n](std::size_t size) { return size == 0 || size == n; };
  if (columns.dates.size() != n || !fits(columns.high.size()) || !fits(columns.low.size()) ||
      !fits(columns.volume.size()) || !fits(columns.vwap.size()))
    throw core::InvalidInput("a price history needs a date per close and other columns as long");
  const auto kept = std::make_shared<const PriceColumns>(std::move(columns));
  PriceHistory h;
  h.dates = kept->dates;
  h.high = kept->high;
  h.low = kept->low;
  h.close = kept->close;
  h.volume = kept->volume;
  h.vwap = kept->vwap;
  h.owner = kept;
  return h;
}

}  // namespace ae::executor
