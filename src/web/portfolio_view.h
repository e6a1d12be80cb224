// The portfolio page's data, from the executor's ledger (read-only) and its
// risk parameters: NAV vs SPY (both rebased to 100 at the window's start),
// daily and cumulative alpha (cumulative = NAV/NAV0 - SPY/SPY0), drawdown
// from the running NAV peak with the circuit-breaker line, the latest
// positions snapshot, trades and the shadow book of blocked entries with
// their reasons. Charts are SVG from ae::charts. An empty or absent ledger
// gives empty arrays and "no data" charts.
#pragma once

#include "web/home_reader.h"
#include "web/query.h"

namespace ae::web {

Json portfolio(const HomeReader& home, const DateRange& range, int limit);

// The circuit-breaker drawdown (a positive fraction, e.g. 0.06) in force.
double circuit_breaker(const HomeReader& home);

}  // namespace ae::web
