#include "executor/market_data.h"

#include <cmath>

#include "executor/indicators.h"
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
  std::vector<std::size_t> picked;
  for (std::size_t r = end; r-- > 0 && picked.size() < rows;) {
    if (view.bar(r).missing()) continue;
    picked.push_back(r);
  }
  for (auto it = picked.rbegin(); it != picked.rend(); ++it) {
    const auto bar = view.bar(*it);
    h.dates.push_back(view.date_at(*it));
    h.open.push_back(bar.open);
    h.high.push_back(bar.high);
    h.low.push_back(bar.low);
    h.close.push_back(bar.close);
    h.volume.push_back(bar.volume);
    h.vwap.push_back(bar.vwap);
  }
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

std::optional<double> atr_pct_as_of(const PriceHistory& h, core::Date as_of) {
  if (h.empty() || h.dates.back() != as_of) return std::nullopt;
  const double atr = wilder_atr(h.high, h.low, h.close);
  const double pct = atr / h.close.back();
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
