// The health and alarms page: every module's health/{module}.json (read
// through the health contract) with a badge, the verdict of `ae health`'s
// check (ops/health.h: ok, degraded, stale, failed, missing, unreadable) as
// of the newest health record written, so a simulated month is judged on its
// own clock (a home without any record shows none);
// every alarm's state (ops.db), the alarm history and the notifications sent
// (the newest lines of logs/notifications.log).
#pragma once

#include "web/home_reader.h"

namespace ae::web {

Json health(const HomeReader& home, int limit);

// Only the module badges (the landing page's row).
Json module_health(const HomeReader& home);

}  // namespace ae::web
