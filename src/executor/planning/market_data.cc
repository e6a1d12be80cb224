#include "executor/planning/market_data.h"

#include <algorithm>
#include <cmath>

#include "executor/planning/indicators.h"
#include "market/sectors.h"

namespace ae::executor {

PriceHistory history_as_of(const market::SeriesView& view, core::Date as_of, std::size_t rows) {
  PriceHistory h;
  if (view.empty() || view.first_date() > as_of) return h;
  // One past the last row dated on or before as_of (rows are in date order).
  std::size_t lo = 0, end = view.size();
  while (lo < end) {
    const std::size_t mid = lo + (end - lo) / 2;
    if (view.date_at(mid) <= as_of)
      lo = mid + 1;
    else
      end = mid;
  }
  using market::Field;
  const auto open = view.field(Field::kOpen), high = view.field(Field::kHigh),
             low = view.field(Field::kLow), close = view.field(Field::kClose);
  // The present rows (a missing bar has no price at all), oldest first.
  std::vector<std::size_t> picked;
  picked.reserve(std::min(rows, end));
  for (std::size_t r = end; r-- > 0 && picked.size() < rows;) {
    const bool missing =
        std::isnan(open[r]) && std::isnan(high[r]) && std::isnan(low[r]) && std::isnan(close[r]);
    if (!missing) picked.push_back(r);
  }
  std::reverse(picked.begin(), picked.end());
  // Without a missing bar among them the rows are one run: copied as a block.
  const bool run = !picked.empty() && picked.back() - picked.front() + 1 == picked.size();
  const auto copy = [&](Field field, std::vector<double>& to) {
    const auto from = view.field(field);
    if (run) {
      const auto first = from.begin() + static_cast<std::ptrdiff_t>(picked.front());
      to.assign(first, first + static_cast<std::ptrdiff_t>(picked.size()));
      return;
    }
    to.resize(picked.size());
    for (std::size_t k = 0; k < picked.size(); ++k) to[k] = from[picked[k]];
  };
  copy(Field::kHigh, h.high);
  copy(Field::kLow, h.low);
  copy(Field::kClose, h.close);
  copy(Field::kVolume, h.volume);
  copy(Field::kVwap, h.vwap);
  h.dates.resize(picked.size());
  for (std::size_t k = 0; k < picked.size(); ++k) h.dates[k] = view.date_at(picked[k]);
  h.last_atr = wilder_atr(h.high, h.low, h.close);
  return h;
}

PriceHistories load_histories(const market::BarStore& bars, const std::vector<std::string>& symbols,
                              core::Date as_of, std::size_t rows) {
  PriceHistories out;
  for (const auto& symbol : symbols) {
    if (out.count(symbol) || !bars.contains(symbol)) continue;
    const auto view = bars.read(symbol);
    if (view.empty()) continue;
    out.emplace(symbol, history_as_of(view, as_of, rows));
  }
  return out;
}

double last_atr(const PriceHistory& h) {
  return h.last_atr ? *h.last_atr : wilder_atr(h.high, h.low, h.close);
}

double last_rsi14(const PriceHistory& h) { return wilder_rsi(h.close, 14); }

std::optional<double> atr_pct_as_of(const PriceHistory& h, core::Date as_of) {
  if (h.empty() || h.dates.back() != as_of) return std::nullopt;
  const double pct = last_atr(h) / h.close.back();
  if (!std::isfinite(pct) || pct <= 0) return std::nullopt;
  return pct;
}

std::string sector_etf_for(const std::string& sector) {
  if (auto s = market::try_canonical_sector(sector)) return std::string(market::sector_etf(*s));
  return "SPY";
}

std::string canonical_sector_name(const std::string& label) {
  if (auto s = market::try_canonical_sector(label)) return std::string(market::sector_name(*s));
  return label;
}

}  // namespace ae::executor
