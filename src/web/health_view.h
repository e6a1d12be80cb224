// The health and alarms page: every module's health/{module}.json (read
// through the health contract) with a badge - failed, degraded, stale (last
// success older than the module's limit, measured against the newest health
// record written, so a simulated month is judged on its own clock) or ok -;
// every alarm's state (ops.db), the alarm history and the notifications sent
// (the newest lines of logs/notifications.log).
#pragma once

#include "web/home_reader.h"

namespace ae::web {

Json health(const HomeReader& home, int limit);

// Only the module badges (the landing page's row).
Json module_health(const HomeReader& home);

}  // namespace ae::web
