// The simulated market: a deterministic (same seed -> identical bytes) daily
// market of N constituents in 11 sectors, plus SPY (built from the SP500
// constituents, cap-weighted), a VIX-like series (GARCH forecast of SPY
// volatility plus a premium) and the 11 sector ETFs (cap-weighted sector
// baskets). Returns come from a factor model - market beta, sector factor,
// idiosyncratic - each with GARCH(1,1) volatility clustering and unit-variance
// Student-t(5) shocks, a bull/bear Markov regime on the market factor, earnings
// jumps, and the planted predictable component of planted_signal.h. Bars carry
// consistent OHLC/VWAP/volume, splits and dividends (adjusted prices plus the
// factor), missing bars and halts; some tickers are delisted or added late and
// some SP400 names are promoted to the SP500. docs/simulated-market.md states
// every parameter.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "market/bar.h"
#include "market/bar_store.h"
#include "market/calendar.h"
#include "market/synth/planted_signal.h"
#include "market/universe.h"

namespace ae::market::synth {

// Daily drift per unit of oracle score, in units of the ticker's long-run
// idiosyncratic daily volatility. Calibrated so the oracle rank IC on 21-day
// forward returns is about 0.05 (see docs/simulated-market.md).
inline constexpr double kDefaultSignalStrength = 0.016;

struct SynthOptions {
  int tickers = 900;
  int years = 10;
  std::uint64_t seed = 42;
  Date end;  // the last trading day to generate
  double signal_strength = kDefaultSignalStrength;
};

struct SynthSummary {
  Date start;
  Date end;
  std::size_t days = 0;
  std::size_t tickers = 0;
  std::size_t bars = 0;
  std::size_t splits = 0;
  std::size_t dividends = 0;
  std::size_t missing_bars = 0;
  std::size_t halts = 0;
  std::size_t delisted = 0;
  std::size_t added_late = 0;
  std::size_t promoted = 0;
  std::size_t bear_days = 0;
  OracleReport oracle;
};

struct SyntheticMarket {
  Universe universe;
  std::vector<std::string> symbols;  // constituents (sorted), then macro symbols
  std::vector<BarSeries> series;     // parallel to symbols
  SynthSummary summary;
};

// Throws core::InvalidInput on out-of-range options (tickers 20..5000,
// years 2..30, end a trading day inside the calendar with room for the years).
SyntheticMarket generate_market(const SynthOptions& options, const TradingCalendar& calendar);

// Replaces the store's contents with the market (every write gated), and
// writes synth.json (options and summary) beside the universe. `progress`,
// when given, is called after each series: (series written, series in all).
// Not all or nothing by itself: `ae data synth` goes through install.h.
using WriteProgress = std::function<void(std::size_t, std::size_t)>;
void write_market(BarStore& store, const SyntheticMarket& market, const SynthOptions& options,
                  const WriteProgress& progress = {});

std::string summary_json(const SynthOptions& options, const SynthSummary& summary);

}  // namespace ae::market::synth
