// Conversions between UTC instants and New York wall-clock time (the market's
// time zone, America/New_York, from the system tz database via Howard
// Hinnant's date/tz). Everything internal is UTC; these are the only
// conversions to and from exchange-local time.
#pragma once

#include <chrono>

#include "core/date.h"

namespace ae::core {

// Wall-clock time of day in New York, e.g. {9h, 30min}.
using TimeOfDay = std::chrono::minutes;

// The New York calendar date at `instant`.
Date new_york_date(Timestamp instant);
// Minutes since New York midnight at `instant`.
TimeOfDay new_york_time_of_day(Timestamp instant);
// The UTC instant of `time_of_day` New York time on `date` (DST-aware; a
// nonexistent or ambiguous local time resolves to the earlier instant).
Timestamp new_york_instant(Date date, TimeOfDay time_of_day);

}  // namespace ae::core
