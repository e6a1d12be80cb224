#include "core/nyse_calendar.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/market_time.h"
#include "support/test_support.h"

namespace ae::core {
namespace {

using namespace std::chrono;

Date d(const char* text) { return parse_date(text); }
Timestamp t(const char* text) { return parse_timestamp(text); }

const NyseCalendar& calendar() {
  static const NyseCalendar instance;
  return instance;
}

struct ListedDay {
  std::string kind;
  std::string name;
};

// tests/data/nyse_holidays.csv: date,kind,name; '#' lines are comments.
std::map<std::string, ListedDay> load_published_list() {
  std::istringstream lines(read_file(ae::test::source_path("tests/data/nyse_holidays.csv")));
  std::map<std::string, ListedDay> listed;
  std::string line;
  bool header_seen = false;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!header_seen) {
      EXPECT_EQ(line, "date,kind,name");
      header_seen = true;
      continue;
    }
    const auto first = line.find(',');
    const auto second = line.find(',', first + 1);
    EXPECT_NE(second, std::string::npos) << line;
    const std::string date = line.substr(0, first);
    EXPECT_TRUE(listed.count(date) == 0) << "duplicate row " << date;
    listed[date] = {line.substr(first + 1, second - first - 1), line.substr(second + 1)};
  }
  return listed;
}

std::string csv_kind(DayKind kind) {
  switch (kind) {
    case DayKind::holiday:
      return "closed";
    case DayKind::early_close:
      return "early_close";
    case DayKind::special_closure:
      return "special_closure";
    default:
      return std::string(to_string(kind));
  }
}

TEST(NyseCalendarPublished, EveryListedDayMatchesAndEveryOtherWeekdayIsRegular) {
  const auto listed = load_published_list();
  ASSERT_GT(listed.size(), 350u);
  int weekdays = 0;
  int regular = 0;
  for (Date date = d("2000-01-01"); date <= d("2030-12-31"); date = add_days(date, 1)) {
    const DayKind kind = calendar().day_kind(date);
    const std::string text = format_date(date);
    const auto row = listed.find(text);
    const weekday wd = weekday_of(date);
    if (wd == Saturday || wd == Sunday) {
      EXPECT_EQ(kind, DayKind::weekend) << text;
      EXPECT_TRUE(row == listed.end()) << "listed date on a weekend: " << text;
      continue;
    }
    ++weekdays;
    if (row == listed.end()) {
      EXPECT_EQ(kind, DayKind::trading) << text << " is not in the published list but the "
                                        << "calendar says " << to_string(kind);
      ++regular;
      continue;
    }
    EXPECT_EQ(csv_kind(kind), row->second.kind) << text;
    const auto name = kind == DayKind::early_close ? calendar().early_close_name(date)
                                                   : calendar().holiday_name(date);
    EXPECT_EQ(name.value_or("<none>"), row->second.name) << text;
  }
  EXPECT_EQ(weekdays - regular, static_cast<int>(listed.size()));
}

TEST(NyseCalendarPublished, ObservanceEdgeCases) {
  // New Year's Day 2022 fell on a Saturday: not observed, Friday traded.
  EXPECT_TRUE(calendar().is_trading_day(d("2021-12-31")));
  EXPECT_FALSE(calendar().is_early_close(d("2021-12-31")));
  EXPECT_EQ(calendar().holiday_name(d("2022-01-01")), std::nullopt);  // a plain Saturday
  // ...and the same in 2028 (2027-12-31 is a regular Friday session).
  EXPECT_EQ(calendar().day_kind(d("2027-12-31")), DayKind::trading);
  // Christmas on Saturday: observed the Friday before; no Christmas Eve early close.
  EXPECT_EQ(calendar().holiday_name(d("2021-12-24")), "Christmas Day (observed)");
  EXPECT_EQ(calendar().holiday_name(d("2027-12-24")), "Christmas Day (observed)");
  // New Year's Day on a Sunday: observed Monday.
  EXPECT_EQ(calendar().holiday_name(d("2023-01-02")), "New Year's Day (observed)");
  // Juneteenth: none in 2021, observed Monday 2022-06-20, Friday 2027-06-18.
  EXPECT_TRUE(calendar().is_trading_day(d("2021-06-18")));
  EXPECT_EQ(calendar().holiday_name(d("2022-06-20")),
            "Juneteenth National Independence Day (observed)");
  EXPECT_EQ(calendar().holiday_name(d("2027-06-18")),
            "Juneteenth National Independence Day (observed)");
  // Independence Day on a Saturday (2015, 2020, 2026): Friday closed, Thursday
  // a full session.
  for (const char* friday : {"2015-07-03", "2020-07-03", "2026-07-03"}) {
    EXPECT_EQ(calendar().holiday_name(d(friday)), "Independence Day (observed)") << friday;
    EXPECT_EQ(calendar().day_kind(add_days(d(friday), -1)), DayKind::trading) << friday;
  }
  // Thursday July 4: early close on Friday July 5 before 2013, Wednesday July 3 since.
  EXPECT_TRUE(calendar().is_early_close(d("2002-07-05")));
  EXPECT_EQ(calendar().day_kind(d("2002-07-03")), DayKind::trading);
  EXPECT_TRUE(calendar().is_early_close(d("2013-07-03")));
  EXPECT_EQ(calendar().day_kind(d("2013-07-05")), DayKind::trading);
  // Special closures override, special early close added.
  EXPECT_EQ(calendar().day_kind(d("2012-10-29")), DayKind::special_closure);
  EXPECT_EQ(calendar().early_close_name(d("2003-12-26")), "Day after Christmas");
  EXPECT_EQ(calendar().day_kind(d("2008-12-26")), DayKind::trading);
}

TEST(NyseCalendarRules, GoodFridayFollowsTheComputusThroughTheWholeRange) {
  // A few Easter Sundays beyond the published list (2031..2035).
  EXPECT_EQ(calendar().holiday_name(d("2031-04-11")), "Good Friday");  // Easter 04-13
  EXPECT_EQ(calendar().holiday_name(d("2032-03-26")), "Good Friday");  // Easter 03-28
  EXPECT_EQ(calendar().holiday_name(d("2035-03-23")), "Good Friday");  // Easter 03-25
  int good_fridays = 0;
  for (Date date = NyseCalendar::first_date; date <= NyseCalendar::last_date;
       date = add_days(date, 1)) {
    if (calendar().holiday_name(date) == "Good Friday") {
      ++good_fridays;
      EXPECT_EQ(weekday_of(date), Friday) << format_date(date);
    }
  }
  EXPECT_EQ(good_fridays, 36);
}

TEST(NyseCalendarRules, EachYearHasTheExpectedNumberOfHolidays) {
  // Nine rule holidays a year (New Year's on a Saturday drops one), plus
  // Juneteenth from 2022.
  for (int y = 2000; y <= 2035; ++y) {
    int holidays = 0;
    for (Date date = year{y} / January / 1; date <= year{y} / December / 31;
         date = add_days(date, 1)) {
      if (calendar().day_kind(date) == DayKind::holiday) ++holidays;
    }
    const bool new_year_on_saturday = weekday_of(year{y} / January / 1) == Saturday;
    const int expected = 9 + (y >= 2022 ? 1 : 0) - (new_year_on_saturday ? 1 : 0);
    EXPECT_EQ(holidays, expected) << y;
  }
}

TEST(NyseCalendarSession, RegularSessionAcrossDaylightSavingTime) {
  // EST (UTC-5) in winter, EDT (UTC-4) in summer; the 2026 switch is March 8.
  const Session winter = calendar().session(d("2026-03-06"));
  EXPECT_EQ(format_timestamp(winter.open), "2026-03-06T14:30:00Z");
  EXPECT_EQ(format_timestamp(winter.close), "2026-03-06T21:00:00Z");
  EXPECT_FALSE(winter.early_close);
  const Session summer = calendar().session(d("2026-03-09"));
  EXPECT_EQ(format_timestamp(summer.open), "2026-03-09T13:30:00Z");
  EXPECT_EQ(format_timestamp(summer.close), "2026-03-09T20:00:00Z");
  // Back to EST after the first Sunday of November (2026-11-01).
  EXPECT_EQ(format_timestamp(calendar().session(d("2026-10-30")).open), "2026-10-30T13:30:00Z");
  EXPECT_EQ(format_timestamp(calendar().session(d("2026-11-02")).open), "2026-11-02T14:30:00Z");
  // Before 2007 DST ran from the first Sunday of April to the last of October.
  EXPECT_EQ(format_timestamp(calendar().session(d("2006-03-31")).open), "2006-03-31T14:30:00Z");
  EXPECT_EQ(format_timestamp(calendar().session(d("2006-04-03")).open), "2006-04-03T13:30:00Z");
  EXPECT_EQ(format_timestamp(calendar().session(d("2006-10-30")).open), "2006-10-30T14:30:00Z");
  EXPECT_EQ(calendar().session(d("2026-03-06")).date, d("2026-03-06"));
}

TEST(NyseCalendarSession, EarlyCloseAtOnePmNewYorkTime) {
  const Session black_friday = calendar().session(d("2026-11-27"));
  EXPECT_TRUE(black_friday.early_close);
  EXPECT_EQ(format_timestamp(black_friday.open), "2026-11-27T14:30:00Z");
  EXPECT_EQ(format_timestamp(black_friday.close), "2026-11-27T18:00:00Z");
  const Session july_3 = calendar().session(d("2025-07-03"));
  EXPECT_TRUE(july_3.early_close);
  EXPECT_EQ(format_timestamp(july_3.close), "2025-07-03T17:00:00Z");
  EXPECT_EQ(new_york_time_of_day(july_3.close), hours{13});
}

TEST(NyseCalendarSession, SessionTimesMatchTheTimeZoneEveryTradingDay) {
  for (const Date date :
       calendar().trading_days_between(NyseCalendar::first_date, NyseCalendar::last_date)) {
    const Session session = calendar().session(date);
    ASSERT_EQ(new_york_date(session.open), date);
    ASSERT_EQ(new_york_time_of_day(session.open), hours{9} + minutes{30}) << format_date(date);
    ASSERT_EQ(new_york_time_of_day(session.close), session.early_close ? hours{13} : hours{16})
        << format_date(date);
  }
}

TEST(NyseCalendarSession, ClosedDaysAreInvalidInputNamingTheReason) {
  try {
    calendar().session(d("2026-04-18"));
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_STREQ(e.what(), "2026-04-18 is not a trading day (Saturday)");
  }
  try {
    calendar().session(d("2026-04-03"));
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_STREQ(e.what(), "2026-04-03 is not a trading day (Good Friday)");
  }
  EXPECT_THROW(calendar().session(d("2025-01-09")), InvalidInput);
}

TEST(NyseCalendarNavigation, NextAndPreviousCrossLongWeekendsAndYearEnds) {
  // Thanksgiving week: Wednesday -> (Thursday closed) -> Friday early close.
  EXPECT_EQ(calendar().next_trading_day(d("2026-11-25")), d("2026-11-27"));
  // Good Friday 2026 long weekend.
  EXPECT_EQ(calendar().next_trading_day(d("2026-04-02")), d("2026-04-06"));
  EXPECT_EQ(calendar().previous_trading_day(d("2026-04-06")), d("2026-04-02"));
  // Strictly after/before, even from a trading day or a weekend.
  EXPECT_EQ(calendar().next_trading_day(d("2026-04-20")), d("2026-04-21"));
  EXPECT_EQ(calendar().previous_trading_day(d("2026-04-18")), d("2026-04-17"));
  // Year ends: 2025-12-31 -> 2026-01-02; 2022-12-30 -> 2023-01-03 (Jan 2 observed).
  EXPECT_EQ(calendar().next_trading_day(d("2025-12-31")), d("2026-01-02"));
  EXPECT_EQ(calendar().next_trading_day(d("2022-12-30")), d("2023-01-03"));
  EXPECT_EQ(calendar().previous_trading_day(d("2023-01-03")), d("2022-12-30"));
  // New Year's on Saturday: the Friday before trades.
  EXPECT_EQ(calendar().previous_trading_day(d("2022-01-03")), d("2021-12-31"));
  // Four days of September 11 closures plus the weekend.
  EXPECT_EQ(calendar().next_trading_day(d("2001-09-10")), d("2001-09-17"));
  // Christmas 2004 observed on Friday the 24th plus New Year's 2005 not observed.
  EXPECT_EQ(calendar().next_trading_day(d("2004-12-23")), d("2004-12-27"));
  EXPECT_EQ(calendar().next_trading_day(d("2004-12-31")), d("2005-01-03"));
}

TEST(NyseCalendarNavigation, LastClosedTradingDayBeforeAndAfterTheClose) {
  // Monday 2026-04-20, EDT: close 20:00Z.
  EXPECT_EQ(calendar().last_closed_trading_day(t("2026-04-20T19:59:59Z")), d("2026-04-17"));
  EXPECT_EQ(calendar().last_closed_trading_day(t("2026-04-20T20:00:00Z")), d("2026-04-20"));
  EXPECT_EQ(calendar().last_closed_trading_day(t("2026-04-21T03:00:00Z")), d("2026-04-20"));
  // Over the weekend and a holiday Monday (MLK 2026-01-19): Friday's close.
  EXPECT_EQ(calendar().last_closed_trading_day(t("2026-01-19T22:00:00Z")), d("2026-01-16"));
  // Early close day: after 13:00 ET (18:00Z in November) the day counts as closed.
  EXPECT_EQ(calendar().last_closed_trading_day(t("2026-11-27T17:59:00Z")), d("2026-11-25"));
  EXPECT_EQ(calendar().last_closed_trading_day(t("2026-11-27T18:00:00Z")), d("2026-11-27"));
}

TEST(NyseCalendarNavigation, TradingDaysBetweenIsInclusive) {
  const auto week = calendar().trading_days_between(d("2026-11-23"), d("2026-11-29"));
  ASSERT_EQ(week.size(), 4u);  // Thanksgiving closed
  EXPECT_EQ(week.front(), d("2026-11-23"));
  EXPECT_EQ(week.back(), d("2026-11-27"));
  EXPECT_EQ(calendar().count_trading_days_between(d("2026-11-23"), d("2026-11-29")), 4);
  EXPECT_EQ(calendar().count_trading_days_between(d("2026-04-20"), d("2026-04-20")), 1);
  EXPECT_EQ(calendar().count_trading_days_between(d("2026-04-18"), d("2026-04-19")), 0);
  EXPECT_TRUE(calendar().trading_days_between(d("2026-04-18"), d("2026-04-19")).empty());
  // Well-known annual totals: 252 sessions in 2019, 251 in 2022 and 250 in 2023.
  EXPECT_EQ(calendar().count_trading_days_between(d("2019-01-01"), d("2019-12-31")), 252);
  EXPECT_EQ(calendar().count_trading_days_between(d("2022-01-01"), d("2022-12-31")), 251);
  EXPECT_EQ(calendar().count_trading_days_between(d("2023-01-01"), d("2023-12-31")), 250);
  EXPECT_THROW(calendar().count_trading_days_between(d("2026-04-21"), d("2026-04-20")),
               InvalidInput);
}

TEST(NyseCalendarRange, OutsideTheRangeIsInvalidInput) {
  EXPECT_FALSE(calendar().is_supported(d("1999-12-31")));
  EXPECT_TRUE(calendar().is_supported(d("2000-01-01")));
  EXPECT_TRUE(calendar().is_supported(d("2035-12-31")));
  EXPECT_FALSE(calendar().is_supported(d("2036-01-01")));
  try {
    calendar().is_trading_day(d("2036-01-02"));
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_STREQ(e.what(),
                 "date 2036-01-02 is outside the NYSE calendar's supported range "
                 "2000-01-01..2035-12-31");
  }
  EXPECT_THROW(calendar().session(d("1999-12-30")), InvalidInput);
  EXPECT_THROW(calendar().holiday_name(d("1999-12-25")), InvalidInput);
  EXPECT_THROW(calendar().next_trading_day(d("2035-12-31")), InvalidInput);
  EXPECT_THROW(calendar().previous_trading_day(d("2000-01-03")), InvalidInput);
  EXPECT_EQ(calendar().next_trading_day(d("2035-12-28")), d("2035-12-31"));
  EXPECT_EQ(calendar().previous_trading_day(d("2000-01-04")), d("2000-01-03"));
  EXPECT_THROW(calendar().trading_days_between(d("2035-12-01"), d("2036-01-31")), InvalidInput);
  EXPECT_THROW(calendar().last_closed_trading_day(t("2000-01-03T20:00:00Z")), InvalidInput);
  EXPECT_EQ(calendar().last_closed_trading_day(t("2000-01-03T21:00:00Z")), d("2000-01-03"));
  EXPECT_THROW(calendar().last_closed_trading_day(t("2036-01-01T12:00:00Z")), InvalidInput);
  EXPECT_EQ(calendar().last_closed_trading_day(t("2036-01-01T04:59:59Z")), d("2035-12-31"));
}

TEST(NyseCalendarRange, IndependentObjectsAgree) {
  const NyseCalendar other;
  EXPECT_EQ(other.session(d("2026-04-20")), calendar().session(d("2026-04-20")));
  EXPECT_EQ(
      other.count_trading_days_between(NyseCalendar::first_date, NyseCalendar::last_date),
      calendar().count_trading_days_between(NyseCalendar::first_date, NyseCalendar::last_date));
}

}  // namespace
}  // namespace ae::core
