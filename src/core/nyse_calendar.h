// The NYSE trading calendar, computed by rule for 2000-01-01..2035-12-31.
//
// Contract:
//   - Full-day holidays follow NYSE's rules: New Year's Day, Martin Luther King
//     Jr. Day (3rd Monday of January), Washington's Birthday (3rd Monday of
//     February), Good Friday (Gregorian Easter computus), Memorial Day (last
//     Monday of May), Juneteenth (from 2022), Independence Day, Labor Day (1st
//     Monday of September), Thanksgiving (4th Thursday of November) and
//     Christmas. A holiday on a Saturday is observed the Friday before, on a
//     Sunday the Monday after; New Year's Day on a Saturday is not observed at
//     all (the Friday is the end of the yearly accounting period).
//   - Early closes at 13:00 ET: July 3 when both July 3 and July 4 are weekdays
//     (before 2013, a Thursday July 4 moved the early close to Friday July 5),
//     the day after Thanksgiving, and Christmas Eve when it is a Monday..Thursday.
//   - A fixed table of unscheduled events overrides the rules (September 11,
//     national days of mourning, Hurricane Sandy, the 2003-12-26 early close).
//   - Regular session 09:30-16:00 America/New_York; sessions are UTC instants.
//   - Any date (or instant) outside the supported range is InvalidInput naming
//     the date and the range; so is asking for the session of a closed day.
//   - Everything is precomputed at construction (a few milliseconds, dominated
//     by time-zone conversions); every query is O(1) except
//     last_closed_trading_day (binary search) and the list variants. Objects are
//     immutable after construction and safe to share between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace ae::core {

enum class DayKind : std::uint8_t {
  trading,          // a regular 09:30-16:00 session
  early_close,      // a 09:30-13:00 session
  weekend,          // Saturday or Sunday
  holiday,          // a rule-based NYSE holiday (possibly observed)
  special_closure,  // an unscheduled full-day closure from the special table
};

// "trading", "early_close", "weekend", "holiday", "special_closure".
std::string_view to_string(DayKind kind);

struct Session {
  Date date;
  Timestamp open;
  Timestamp close;
  bool early_close = false;

  bool operator==(const Session&) const = default;
};

class NyseCalendar {
 public:
  static constexpr Date first_date{std::chrono::year{2000}, std::chrono::January,
                                   std::chrono::day{1}};
  static constexpr Date last_date{std::chrono::year{2035}, std::chrono::December,
                                  std::chrono::day{31}};

  NyseCalendar();

  bool is_supported(Date date) const noexcept;

  DayKind day_kind(Date date) const;
  bool is_trading_day(Date date) const;
  bool is_early_close(Date date) const;
  // The holiday or special closure that closes the market on `date`
  // ("Good Friday", "Christmas Day (observed)", "Hurricane Sandy"); nullopt on
  // trading days and plain weekends.
  std::optional<std::string> holiday_name(Date date) const;
  // Why the session on `date` closes at 13:00 ("Christmas Eve"); nullopt
  // unless `date` is an early-close day.
  std::optional<std::string> early_close_name(Date date) const;

  // Open and close of the session on `date`; InvalidInput
  // ("2026-04-18 is not a trading day (Saturday)") when the market is closed.
  Session session(Date date) const;

  // The nearest trading day strictly after / before `date`. InvalidInput when
  // it would fall outside the supported range.
  Date next_trading_day(Date date) const;
  Date previous_trading_day(Date date) const;

  // The latest trading day whose session close is <= `now`.
  Date last_closed_trading_day(Timestamp now) const;

  // Trading days in [from, to] (both inclusive), ascending; InvalidInput when
  // from > to.
  std::vector<Date> trading_days_between(Date from, Date to) const;
  int count_trading_days_between(Date from, Date to) const;

 private:
  struct DayInfo {
    DayKind kind = DayKind::trading;
    std::uint8_t name = 0;  // index into names_ (0 = none)
  };

  int index_of(Date date) const;  // throws InvalidInput outside the range
  void mark(Date date, DayKind kind, std::string_view name);
  void add_rule_based_days(std::chrono::year year);
  void add_special_days();
  void build_sessions();

  std::vector<DayInfo> days_;       // one per date in the range
  std::vector<std::string> names_;  // names_[0] is ""
  std::vector<std::int32_t> rank_;  // rank_[i]: trading days with index < i
  std::vector<Date> trading_days_;  // ascending
  std::vector<Timestamp> opens_;    // parallel to trading_days_
  std::vector<Timestamp> closes_;   // parallel to trading_days_, ascending
  Timestamp end_instant_;           // New York midnight just after last_date
};

}  // namespace ae::core
