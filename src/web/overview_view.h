// The landing page, "what happened today", on one screen: the newest day
// the home knows (newest execution or predictions day), that day's
// executions, coverage (candidates, predictions, gap, self-heal), today's
// activity (entries approved and blocked, exits from
// order_books/{date}/summary.json; GBM vetoes; trades filled that day),
// portfolio KPIs (NAV, daily and cumulative alpha, drawdown) with a small
// NAV-vs-SPY chart, module health badges and the alarms in ALARM.
#pragma once

#include "web/home_reader.h"

namespace ae::web {

Json overview(const HomeReader& home);

}  // namespace ae::web
