// Booking the corporate-action settlements due on a session
// (corporate_actions.h) on the broker and in the ledger; EOD and the morning
// planner call it before they value the positions, so a delisted or merged
// holding never stays held - and never stops a plan.
// The positions settled are those the broker or the ledger holds. Each leg -
// the acquirer's shares first, then the position's sale - goes to the
// broker (Broker::book_corporate_action) unless the broker already has its
// client order id, then to the ledger (an ENTER, or an EXIT with the reason
// as its exit_reason) unless the ledger already has the trade. So a re-run,
// or a run after a crash between any two steps, books each leg once, and
// the broker and the ledger still reconcile.
#pragma once

#include <vector>

#include "core/clock.h"
#include "executor/broker/broker.h"
#include "executor/corporate_actions.h"
#include "executor/ledger/ledger.h"
#include "market/bar_store.h"

namespace ae::executor {

// The settlements booked (wholly or in part) by this call; logged one line each.
std::vector<Settlement> book_corporate_actions(core::Date session, Broker& broker, Ledger& ledger,
                                               const market::BarStore& bars, core::Clock& clock);

}  // namespace ae::executor
