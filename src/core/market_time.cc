#include "core/market_time.h"

#include <date/tz.h>

namespace ae::core {
namespace {

const date::time_zone* new_york() {
  static const date::time_zone* zone = date::locate_zone("America/New_York");
  return zone;
}

}  // namespace

namespace {

// New York wall-clock time expressed as a duration since the local epoch.
std::chrono::microseconds new_york_since_epoch(Timestamp instant) {
  return new_york()->to_local(instant).time_since_epoch();
}

}  // namespace

Date new_york_date(Timestamp instant) {
  const auto local = new_york_since_epoch(instant);
  return Date{std::chrono::sys_days{std::chrono::floor<std::chrono::days>(local)}};
}

TimeOfDay new_york_time_of_day(Timestamp instant) {
  const auto local = new_york_since_epoch(instant);
  return std::chrono::floor<std::chrono::minutes>(local -
                                                  std::chrono::floor<std::chrono::days>(local));
}

Timestamp new_york_instant(Date date, TimeOfDay time_of_day) {
  const auto since_epoch = std::chrono::sys_days{date}.time_since_epoch() + time_of_day;
  const date::local_seconds local{std::chrono::duration_cast<std::chrono::seconds>(since_epoch)};
  return std::chrono::time_point_cast<std::chrono::microseconds>(
      new_york()->to_sys(local, date::choose::earliest));
}

}  // namespace ae::core
