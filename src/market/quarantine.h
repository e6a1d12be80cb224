// The adjustment-jump quarantine: a symbol-day whose adjusted return departs
// from its raw return when no corporate action explains it - a broken
// Adj Close, e.g. Yahoo's DXC 2015-11-30 (adjusted +70.1%, raw +8.3%).
//   adjusted return  close / previous close - 1 on the stored (adjusted)
//                    closes; "previous" is the previous present bar
//   raw return       the same on the raw closes (close / factor)
// The day is quarantined when both hold:
//   |adjusted - raw| > kMaxAdjustmentGap  the factor AdjClose/Close stepped;
//   |adjusted| > |raw|                    no raw move explains the step.
// A split, reverse split, spin-off or dividend moves the raw close and the
// factor step offsets that move, so its adjusted return is the smaller one
// (2:1 split: raw -50%, adjusted about 0%). A step that makes the day's move
// larger than the traded one is not a corporate action.
// The step makes every bar before the day wrong relative to the bars from
// the day on, so every return across the day is wrong, not only the day's.
// The importer therefore keeps the series from the day on and holds the
// earlier bars out of the store (as if the symbol had listed that day):
// features and backtests never see a return across the jump. The quarantined
// days are recorded in $AE_HOME/market/quarantine.json (BarStore) and shown
// by `ae data check`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "market/bar.h"
#include "market/calendar.h"

namespace ae::market {

inline constexpr double kMaxAdjustmentGap = 0.25;

struct QuarantinedDay {
  std::string symbol;
  Date date;
  double adjusted_return = 0.0;
  double raw_return = 0.0;

  bool operator==(const QuarantinedDay&) const = default;
  // "DXC 2015-11-30: adjusted return +70.1%, raw return +8.3%: ..."
  std::string reason() const;
};

// The series' quarantined days, in date order.
std::vector<QuarantinedDay> find_adjustment_jumps(std::string_view symbol, const BarSeries& series,
                                                  const TradingCalendar& calendar);

// Drops the rows before calendar index `first_kept` (inside the series).
void hold_out_before(BarSeries& series, std::int32_t first_kept);

std::string quarantine_to_json(const std::vector<QuarantinedDay>& days);
// `origin` names the source in error messages (InvalidInput when malformed).
std::vector<QuarantinedDay> quarantine_from_json(std::string_view text, std::string_view origin);

}  // namespace ae::market
