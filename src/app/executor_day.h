// The executor's three daily use cases over a home. On the virtual clock
// (simulation, the default of `ae plan|trade|eod`) each runs at its
// scheduled New York time on the date: the morning planner at 08:00 writes
// the day's order book, the intraday daemon from 09:25 executes it through
// the broker, the end-of-day reconcile at 16:30 records NAV and P&L; on the
// real clock they run now. Each opens the broker the setting chooses
// (app/executor_broker.h; the FIX broker logs on and reconciles first) and
// uses it only through executor::Broker; the daemon waits for a venue's
// order up to its order timeout. Metrics (the coverage guard's
// unscored_buy_candidates_count, the daemon's heartbeat, the FIX session's
// problems) go to the home's ops metric store.
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

// `clock_kind`: "virtual" or "real". `broker`: "paper", "fix", or "" for
// the home's setting (config/executor.yaml).
core::OrderBook plan_day(const core::Home& home, core::Date date, const std::string& clock_kind,
                         const std::string& broker);
executor::DaemonSummary trade_day(const core::Home& home, core::Date date,
                                  const std::string& clock_kind, const std::string& broker);
executor::EodResult close_day(const core::Home& home, core::Date date,
                              const std::string& clock_kind, const std::string& broker);

}  // namespace ae::app
