// The executor's three daily use cases over a home. On the virtual clock
// (simulation, the default of `ae plan|trade|eod`) each runs at its
// scheduled New York time on the date: the morning planner at 08:00 writes
// the day's order book, the intraday daemon from 09:25 executes it through
// the paper broker, the end-of-day reconcile at 16:30 records NAV and P&L;
// on the real clock they run now. Metrics (the coverage guard's
// unscored_buy_candidates_count, the daemon's heartbeat) go to the home's
// ops metric store.
#pragma once

#include <chrono>
#include <string>

#include "core/contracts/order_book.h"
#include "core/date.h"
#include "core/home.h"
#include "executor/intraday/daemon.h"
#include "executor/ledger/eod.h"

namespace ae::app {

inline constexpr std::chrono::minutes kPlannerTime{8 * 60};
inline constexpr std::chrono::minutes kDaemonStart{9 * 60 + 25};
inline constexpr std::chrono::minutes kEodTime{16 * 60 + 30};

// `clock_kind`: "virtual" or "real".
core::OrderBook plan_day(const core::Home& home, core::Date date, const std::string& clock_kind);
executor::DaemonSummary trade_day(const core::Home& home, core::Date date,
                                  const std::string& clock_kind);
executor::EodResult close_day(const core::Home& home, core::Date date,
                              const std::string& clock_kind);

}  // namespace ae::app
