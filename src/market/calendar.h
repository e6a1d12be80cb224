// The market layer's view of the NYSE trading calendar: a dense, immutable
// table of trading days from kCalendarEpoch to kCalendarHorizon, so that every
// series can name its first bar by an integer index (as Qlib's calendars/day.txt
// does) and dates convert to indices in O(log n). Built once from
// core::NyseCalendar; safe to share between threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/date.h"

namespace ae::market {

using core::Date;

// The calendar covers core::NyseCalendar's range: index 0 is the first
// trading day on or after kCalendarEpoch; data outside the range is rejected.
inline constexpr Date kCalendarEpoch{std::chrono::year{2000}, std::chrono::January,
                                     std::chrono::day{1}};
inline constexpr Date kCalendarHorizon{std::chrono::year{2035}, std::chrono::December,
                                       std::chrono::day{31}};

class TradingCalendar {
 public:
  TradingCalendar();

  std::int32_t size() const { return static_cast<std::int32_t>(days_.size()); }
  // Every trading day, by index.
  std::span<const Date> days() const { return days_; }
  Date date_at(std::int32_t index) const;  // InvalidInput if out of range
  bool is_trading_day(Date date) const;
  // Index of a trading day; InvalidInput naming the date if it is not one or
  // lies outside [epoch, horizon].
  std::int32_t index_of(Date date) const;
  // Index of the first trading day on or after `date` (nullopt past horizon).
  std::optional<std::int32_t> first_index_on_or_after(Date date) const;
  // Index of the last trading day on or before `date` (nullopt before epoch).
  std::optional<std::int32_t> last_index_on_or_before(Date date) const;
  // The last trading day whose session has closed at `instant`.
  Date last_closed_trading_day(core::Timestamp instant) const;

 private:
  std::vector<Date> days_;
};

}  // namespace ae::market
