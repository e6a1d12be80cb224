// Calendar dates and instants as the whole project spells them.
//   Date      - a civil date (std::chrono::year_month_day), ISO "YYYY-MM-DD".
//   Timestamp - an instant in UTC with microsecond precision, ISO 8601
//               "YYYY-MM-DDTHH:MM:SS[.ffffff]Z".
// Parsing is strict: anything but the exact form is InvalidInput.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace ae::core {

using Date = std::chrono::year_month_day;
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

// "2026-04-20" -> Date; throws InvalidInput naming the text on any other form
// or an impossible date (2026-02-30).
Date parse_date(std::string_view text);
std::string format_date(Date date);

// "2026-04-20T13:30:00Z" or with fractional seconds / "+00:00" offset.
Timestamp parse_timestamp(std::string_view text);
// Always "YYYY-MM-DDTHH:MM:SS.ffffffZ" when sub-second, else "...SSZ".
std::string format_timestamp(Timestamp instant);

// An instant as whole microseconds since the epoch (how SQLite tables keep
// it), and back.
inline std::int64_t to_microseconds(Timestamp instant) {
  return instant.time_since_epoch().count();
}
inline Timestamp from_microseconds(std::int64_t microseconds) {
  return Timestamp(std::chrono::microseconds(microseconds));
}

// Day arithmetic on civil dates.
Date add_days(Date date, int days);
int days_between(Date from, Date to);  // to - from
std::chrono::weekday weekday_of(Date date);

}  // namespace ae::core
