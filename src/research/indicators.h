// One ticker's technical snapshot on the run date, computed from the bar
// store with the market layer's reference features over a trailing window of
// present bars (so the numbers equal what `ae features` shows for that day).
// Units are decimals (0.03 = 3%) except rsi_14 (0-100) and the price and
// volume levels; a value the history cannot support yet is NaN.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "market/bar_store.h"
#include "market/sectors.h"

namespace ae::research {

enum class MacdCross { kNone, kBullish, kBearish };

struct Indicators {
  std::string ticker;
  market::Sector sector = market::Sector::kTechnology;
  core::Date last_bar;  // the last present bar on or before the run date
  double price = NAN;
  double avg_volume_20d = NAN;  // shares
  double rsi_14 = NAN;
  double macd = NAN;
  MacdCross macd_cross = MacdCross::kNone;  // a cross within the last 3 bars
  double price_vs_ma50 = NAN;
  double price_vs_ma200 = NAN;
  double momentum_5d = NAN;
  double momentum_20d = NAN;
  double return_60d = NAN;
  double return_120d = NAN;
  double dist_from_52w_high = NAN;  // price / 252-day high - 1 (<= 0)
  double atr_14_pct = NAN;
  double realized_vol_20d = NAN;
  double vol_ratio_10_60 = NAN;
};

// The snapshot of `ticker` on `date` (a trading day), or nullopt when the
// store has no present bar on or before `date` within `stale_after_days`
// trading days. Throws core::NotFound if the store has no such symbol.
std::optional<Indicators> compute_indicators(const market::BarStore& store, std::string_view ticker,
                                             market::Sector sector, core::Date date,
                                             int stale_after_days);

struct TickerSector {
  std::string ticker;
  market::Sector sector;
};

// compute_indicators for many tickers, spread over `threads` threads (0: one
// per hardware thread). Entry i is for tickers[i]; nullopt when there is no
// data or the store has no such symbol.
std::vector<std::optional<Indicators>> compute_all_indicators(
    const market::BarStore& store, const std::vector<TickerSector>& tickers, core::Date date,
    int stale_after_days, unsigned threads = 0);

}  // namespace ae::research
