// The daemon's per-minute rules, pure.
// entry_trigger: an entry whose triggers say market_on_open (the
// benchmark-relative construction) fires at once; otherwise the OR of, in order, pullback (day high
// - last >= pullback_pct of the high), vwap_discount (>= 0.5% below the prior-day VWAP),
// support_bounce (within 1% above the 20-day low, skipped once the low broke it), time_expiry
// (unconditional from 15:55 ET; cannot be disabled) and graduated_entry (from 14:00 ET when the
// price is at most 1% above the morning price). Disabled triggers come from the (tuned) parameters.
// update_trail ratchets the stop up behind a new high (the multiple tightens
// to 1.5 ATR after 3 calendar days); intraday_exit: trailing stop hit -> EXIT,
// +8% once -> REDUCE half, 5% off the day's high -> EXIT.
#pragma once

#include <optional>
#include <string>

#include "core/contracts/order_book.h"
#include "executor/broker/broker.h"
#include "executor/risk_config.h"

namespace ae::executor {

// `minute_of_day` is minutes since New York midnight.
std::optional<std::string> entry_trigger(const core::ApprovedEntry& entry, const Quote& quote,
                                         int minute_of_day, const RiskConfig& config);

// Returns true when the stop moved.
bool update_trail(core::ActiveStop& stop, double last, core::Date today, const RiskConfig& config);

struct IntradayExit {
  core::ExitAction action = core::ExitAction::kExit;
  int shares = 0;
  std::string reason;  // intraday_trailing_stop, intraday_profit_take, intraday_collapse
};

std::optional<IntradayExit> intraday_exit(const core::ActiveStop& stop, const Quote& quote,
                                          int held_shares, const RiskConfig& config);

}  // namespace ae::executor
