// What becomes of held positions through the corporate actions that end a
// listing - the one rule the live executor (EOD and the morning planner,
// through ledger/corporate_action_booking.h) and the backtester apply:
//   - a delisting: the position is sold at the file's cash per share, else
//     at its last close before the effective date (a cash-out);
//   - a cash merger: sold at the cash per share;
//   - a stock merger: sold at the deal's value per share (cash + ratio x the
//     acquirer's last close before the effective date), and floor(shares x
//     ratio) acquirer shares bought at that close - so the fraction of a
//     share and the cash part are paid in cash;
//   - a held ticker with no bar on the session that has left the universe
//     (no index membership covers the session) stopped trading: it is a
//     delisting effective the session after its last bar, cashed out at that
//     bar's close, without a line in the file. A held ticker still in the
//     universe whose bars stop (a halt, a gap) is not: it stays stale
//     (portfolio.h).
// An action is due on session S when its date is on or before S. Splits and
// dividends need no action here: bars are adjusted (market/bar.h), so a
// position's value moves through them with the adjusted close. The rule is a
// pure function of its inputs.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "market/bar_store.h"
#include "market/calendar.h"
#include "market/corporate_actions.h"
#include "market/universe.h"

namespace ae::executor {

struct AcquiredShares {
  std::string ticker;
  int shares = 0;
  double price = 0;
};

struct Settlement {
  core::Date effective;
  std::string ticker;
  int shares = 0;
  double price = 0;    // paid per share of the position
  std::string intent;  // DELISTED, CASH_MERGER, STOCK_MERGER: the sale's client order id intent
  std::string reason;  // "delisted", "cash merger", "stock merger into DEF"
  std::optional<AcquiredShares> acquired;  // a stock merger's shares (none when they round to 0)

  // The client order id of the position's sale ("<effective>:<TICKER>:<intent>"),
  // and of the acquired shares' purchase ("<effective>:<ACQUIRER>:MERGER_FROM_<TICKER>";
  // with `acquired` only).
  std::string sale_id() const;
  std::string purchase_id() const;
};

struct CorporateActionSources {
  const std::vector<market::CorporateAction>& actions;
  const market::Universe* universe;  // null: no delisting is inferred
  const market::TradingCalendar& calendar;
  // A symbol's bars; nullopt when there are none.
  std::function<std::optional<market::SeriesView>(const std::string&)> series;
};

// The settlements due on `session` for `held` (ticker -> shares > 0), by
// effective date then ticker. InvalidInput naming the file's line when an
// action cannot be priced (a stock merger's acquirer, or a delisting without
// cash, with no close before the date).
std::vector<Settlement> settlements_due(const std::map<std::string, int>& held, core::Date session,
                                        const CorporateActionSources& sources);

}  // namespace ae::executor
