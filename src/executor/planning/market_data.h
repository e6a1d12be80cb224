// The executor's view of the bar store. Histories are cut at `as_of` (the last
// closed trading day before the trading date), so nothing the planner reads
// can come from the day it plans for. ATR% is Wilder ATR(14) / close on the
// as-of bar. sector_etf_for maps a canonical sector to its SPDR ETF (SPY when
// unknown), through market/sectors.h.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "executor/portfolio.h"
#include "market/bar_store.h"

namespace ae::executor {

// The benchmark: the market gate's index and the benchmark-relative
// construction's sleeve.
inline constexpr const char* kBenchmarkSymbol = "SPY";

// Up to `rows` present bars per symbol ending at or before `as_of`; symbols
// the store lacks are left out.
PriceHistories load_histories(const market::BarStore& bars, const std::vector<std::string>& symbols,
                              core::Date as_of, std::size_t rows = 300);

// The same from one symbol's series (the backtester keeps its series open):
// a view of the series' own columns when no bar is missing among the rows.
PriceHistory history_as_of(const market::SeriesView& view, core::Date as_of,
                           std::size_t rows = 300);

// history_as_of of each view (null: an empty history), in order, with their
// ATRs computed side by side (wilder_atrs), which is faster than one by one.
std::vector<PriceHistory> histories_as_of(std::span<const market::SeriesView* const> views,
                                          core::Date as_of, std::size_t rows = 300);

// Wilder ATR(14) and RSI(14) of the history's last bar (NaN when too short);
// the ATR is the value history_as_of stored, else computed now.
double last_atr(const PriceHistory& history);
double last_rsi14(const PriceHistory& history);

// ATR% on the last bar of the history, if that bar is dated `as_of` and the
// value is finite and positive.
std::optional<double> atr_pct_as_of(const PriceHistory& history, core::Date as_of);

std::string sector_etf_for(const std::string& sector);
// Canonical sector name of a label ("Information Technology" -> "Technology"),
// or the label itself when unknown.
std::string canonical_sector_name(const std::string& label);

}  // namespace ae::executor
