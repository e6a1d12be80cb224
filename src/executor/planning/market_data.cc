#include "executor/planning/market_data.h"

#include <algorithm>
#include <cmath>

#include "executor/planning/indicators.h"
#include "market/sectors.h"

namespace ae::executor {

namespace {

// history_as_of without the ATR.
PriceHistory cut_history(const market::SeriesView& view, core::Date as_of, std::size_t rows) {
  if (view.empty() || view.first_date() > as_of) return {};
  // One past the last row dated on or before as_of (rows are in date order).
  const auto dates = view.dates();
  const auto end =
      static_cast<std::size_t>(std::upper_bound(dates.begin(), dates.end(), as_of) - dates.begin());
  using market::Field;
  const auto high = view.field(Field::kHigh), low = view.field(Field::kLow),
             close = view.field(Field::kClose);
  // The last `rows` present rows, oldest first. Without a missing bar among
  // them they are one run, viewed where the store maps them; else copied.
  std::size_t first = end;
  while (first > 0 && end - first < rows && !view.missing(first - 1)) --first;
  PriceHistory h;
  if (first == 0 || end - first == rows) {
    const auto run = [&](std::span<const double> column) {
      return column.subspan(first, end - first);
    };
    h.dates = dates.subspan(first, end - first);
    h.high = run(high);
    h.low = run(low);
    h.close = run(close);
    h.volume = run(view.field(Field::kVolume));
    h.vwap = run(view.field(Field::kVwap));
    h.owner = std::make_shared<const market::SeriesView>(view);
  } else {
    std::vector<std::size_t> picked;
    for (std::size_t r = end; r-- > 0 && picked.size() < rows;)
      if (!view.missing(r)) picked.push_back(r);
    std::reverse(picked.begin(), picked.end());
    PriceColumns columns;
    const auto copy = [&](std::span<const double> from, std::vector<double>& to) {
      to.reserve(picked.size());
      for (const auto r : picked) to.push_back(from[r]);
    };
    copy(high, columns.high);
    copy(low, columns.low);
    copy(close, columns.close);
    copy(view.field(Field::kVolume), columns.volume);
    copy(view.field(Field::kVwap), columns.vwap);
    for (const auto r : picked) columns.dates.push_back(dates[r]);
    h = PriceHistory::own_columns(std::move(columns));
  }
  return h;
}

}  // namespace

PriceHistory history_as_of(const market::SeriesView& view, core::Date as_of, std::size_t rows) {
  PriceHistory h = cut_history(view, as_of, rows);
  h.last_atr = wilder_atr(h.high, h.low, h.close);
  return h;
}

std::vector<PriceHistory> histories_as_of(std::span<const market::SeriesView* const> views,
                                          core::Date as_of, std::size_t rows) {
  std::vector<PriceHistory> out;
  out.reserve(views.size());
  std::vector<HighLowClose> series;
  series.reserve(views.size());
  for (const auto* view : views) {
    out.push_back(view ? cut_history(*view, as_of, rows) : PriceHistory{});
    series.push_back({out.back().high, out.back().low, out.back().close});
  }
  std::vector<double> atrs(views.size());
  wilder_atrs(series, atrs);
  for (std::size_t k = 0; k < out.size(); ++k) out[k].last_atr = atrs[k];
  return out;
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
