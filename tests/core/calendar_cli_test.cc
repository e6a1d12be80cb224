// `ae calendar ...` end to end through the real binary.
#include <gtest/gtest.h>

#include <string>

#include "support/test_support.h"

namespace ae::test {
namespace {

CommandResult calendar(const std::string& arguments) {
  TempDir home;
  return run_ae("calendar " + arguments, home.path());
}

TEST(CalendarCli, CheckPrintsExactlyTheStateMachineMarkers) {
  const auto weekday = calendar("check 2026-04-20");
  EXPECT_EQ(weekday.exit_code, 0) << weekday.err;
  EXPECT_EQ(weekday.out, "TRADING DAY\n");

  const auto holiday = calendar("check 2026-04-03");  // Good Friday
  EXPECT_EQ(holiday.exit_code, 0) << holiday.err;
  EXPECT_EQ(holiday.out, "MARKET_CLOSED\n");
  EXPECT_NE(holiday.err.find("Good Friday"), std::string::npos) << holiday.err;

  const auto weekend = calendar("check 2026-04-18");
  EXPECT_EQ(weekend.exit_code, 0) << weekend.err;
  EXPECT_EQ(weekend.out, "MARKET_CLOSED\n");

  const auto early = calendar("check 2026-11-27");  // early close still trades
  EXPECT_EQ(early.out, "TRADING DAY\n");
}

TEST(CalendarCli, CheckWithoutDateUsesTodayInNewYork) {
  // 2026-04-21T02:00Z is still Monday 2026-04-20 (22:00 EDT) in New York.
  const auto monday_evening = calendar("check --at 2026-04-21T02:00:00Z");
  EXPECT_EQ(monday_evening.exit_code, 0) << monday_evening.err;
  EXPECT_EQ(monday_evening.out, "TRADING DAY\n");
  // 2026-04-18T03:00Z is Friday evening in New York...
  EXPECT_EQ(calendar("check --at 2026-04-18T03:00:00Z").out, "TRADING DAY\n");
  // ...and 2026-04-18T05:00Z is already Saturday there.
  EXPECT_EQ(calendar("check --at 2026-04-18T05:00:00Z").out, "MARKET_CLOSED\n");
  // The real clock: one of the two markers, exit 0 (while today is in range).
  const auto today = calendar("check");
  EXPECT_EQ(today.exit_code, 0) << today.err;
  EXPECT_TRUE(today.out == "TRADING DAY\n" || today.out == "MARKET_CLOSED\n") << today.out;
}

TEST(CalendarCli, BadInputIsOneClearErrorLineAndExitOne) {
  const auto bad_date = calendar("check 2026-13-01");
  EXPECT_EQ(bad_date.exit_code, 3);
  EXPECT_EQ(bad_date.out, "");
  EXPECT_EQ(bad_date.err, "error: invalid date (no such day) '2026-13-01'\n");

  const auto garbage = calendar("check tomorrow");
  EXPECT_EQ(garbage.exit_code, 3);
  EXPECT_EQ(garbage.err, "error: invalid date (expected YYYY-MM-DD) 'tomorrow'\n");

  const auto out_of_range = calendar("check 2040-01-02");
  EXPECT_EQ(out_of_range.exit_code, 3);
  EXPECT_EQ(out_of_range.out, "");
  EXPECT_EQ(out_of_range.err,
            "error: date 2040-01-02 is outside the NYSE calendar's supported range "
            "2000-01-01..2035-12-31\n");

  const auto bad_at = calendar("check --at yesterday");
  EXPECT_EQ(bad_at.exit_code, 3);
  EXPECT_NE(bad_at.err.find("invalid timestamp"), std::string::npos) << bad_at.err;
}

TEST(CalendarCli, ListShowsSessionsInNewYorkTimeAndMarksEarlyCloses) {
  const auto week = calendar("list --from 2026-11-23 --to 2026-11-29");
  EXPECT_EQ(week.exit_code, 0) << week.err;
  EXPECT_EQ(week.out,
            "2026-11-23 Mon 09:30-16:00 ET\n"
            "2026-11-24 Tue 09:30-16:00 ET\n"
            "2026-11-25 Wed 09:30-16:00 ET\n"
            "2026-11-27 Fri 09:30-13:00 ET early close (Day after Thanksgiving)\n");
}

TEST(CalendarCli, ListHolidaysNamesTheClosedWeekdays) {
  const auto year_2026 = calendar("list --from 2026-01-01 --to 2026-12-31 --holidays");
  EXPECT_EQ(year_2026.exit_code, 0) << year_2026.err;
  EXPECT_EQ(year_2026.out,
            "2026-01-01 Thu holiday: New Year's Day\n"
            "2026-01-19 Mon holiday: Martin Luther King Jr. Day\n"
            "2026-02-16 Mon holiday: Washington's Birthday\n"
            "2026-04-03 Fri holiday: Good Friday\n"
            "2026-05-25 Mon holiday: Memorial Day\n"
            "2026-06-19 Fri holiday: Juneteenth National Independence Day\n"
            "2026-07-03 Fri holiday: Independence Day (observed)\n"
            "2026-09-07 Mon holiday: Labor Day\n"
            "2026-11-26 Thu holiday: Thanksgiving Day\n"
            "2026-12-25 Fri holiday: Christmas Day\n");
  const auto sandy = calendar("list --from 2012-10-29 --to 2012-10-31 --holidays");
  EXPECT_EQ(sandy.out,
            "2012-10-29 Mon special closure: Hurricane Sandy\n"
            "2012-10-30 Tue special closure: Hurricane Sandy\n");
}

TEST(CalendarCli, ListRejectsReversedOrMissingBounds) {
  const auto reversed = calendar("list --from 2026-05-01 --to 2026-04-01");
  EXPECT_EQ(reversed.exit_code, 3);
  EXPECT_NE(reversed.err.find("reversed"), std::string::npos) << reversed.err;
  EXPECT_EQ(calendar("list --from 2026-05-01").exit_code, 2);  // usage error
}

TEST(CalendarCli, NextAndLastClosed) {
  EXPECT_EQ(calendar("next 2026-04-02").out, "2026-04-06\n");
  EXPECT_EQ(calendar("next --at 2026-12-31T15:00:00Z").out, "2027-01-04\n");
  EXPECT_EQ(calendar("last-closed --at 2026-04-20T19:59:00Z").out, "2026-04-17\n");
  EXPECT_EQ(calendar("last-closed --at 2026-04-20T20:00:00Z").out, "2026-04-20\n");
}

}  // namespace
}  // namespace ae::test
