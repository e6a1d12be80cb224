#include "core/date.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace ae::core {
namespace {

using namespace std::chrono;

TEST(Date, ParsesAndFormatsIsoDates) {
  Date date = parse_date("2026-04-20");
  EXPECT_EQ(date, year{2026} / April / 20);
  EXPECT_EQ(format_date(date), "2026-04-20");
  EXPECT_EQ(format_date(year{2001} / January / 2), "2001-01-02");
}

TEST(Date, RejectsMalformedOrImpossibleDates) {
  for (const char* text : {"", "2026-4-20", "2026/04/20", "2026-04-20T00:00", "20260420",
                           "2026-13-01", "2026-02-30", "2025-02-29", "abcd-ef-gh", " 2026-04-20"}) {
    EXPECT_THROW(parse_date(text), InvalidInput) << text;
  }
  EXPECT_NO_THROW(parse_date("2024-02-29"));
}

TEST(Date, ErrorMessageQuotesTheText) {
  try {
    parse_date("2026-02-30");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("'2026-02-30'"), std::string::npos);
  }
}

TEST(Timestamp, RoundTripsWithAndWithoutFraction) {
  Timestamp t = parse_timestamp("2026-04-20T13:30:00Z");
  EXPECT_EQ(format_timestamp(t), "2026-04-20T13:30:00Z");
  Timestamp f = parse_timestamp("2026-04-20T13:30:00.25Z");
  EXPECT_EQ(f - t, milliseconds{250});
  EXPECT_EQ(format_timestamp(f), "2026-04-20T13:30:00.250000Z");
  EXPECT_EQ(parse_timestamp("2026-04-20T13:30:00+00:00"), t);
}

TEST(Timestamp, RejectsNonUtcAndMalformed) {
  for (const char* text : {"2026-04-20T13:30:00", "2026-04-20T13:30:00-04:00",
                           "2026-04-20T25:00:00Z", "2026-04-20T13:30Z", "2026-04-20T13:30:00.Z"}) {
    EXPECT_THROW(parse_timestamp(text), InvalidInput) << text;
  }
}

TEST(Date, DayArithmetic) {
  Date d = parse_date("2024-02-28");
  EXPECT_EQ(format_date(add_days(d, 1)), "2024-02-29");
  EXPECT_EQ(format_date(add_days(d, 2)), "2024-03-01");
  EXPECT_EQ(days_between(d, parse_date("2025-02-28")), 366);
  EXPECT_EQ(weekday_of(parse_date("2026-04-20")), Monday);
}

}  // namespace
}  // namespace ae::core
