// format_aws_time: the timestamps of $$ and of the history, as AWS prints
// them (UTC, milliseconds, "Z").
#include <gtest/gtest.h>

#include "states/run/interpreter.h"

namespace ae::states {
namespace {

using namespace std::chrono;

core::Timestamp at(year_month_day day, microseconds since_midnight) {
  return core::Timestamp{sys_days{day}.time_since_epoch() + since_midnight};
}

TEST(FormatAwsTime, PadsEveryFieldAndTruncatesToMilliseconds) {
  EXPECT_EQ(format_aws_time(at(2026y / 1 / 5, 4h + 3min + 2s + 7ms + 999us)),
            "2026-01-05T04:03:02.007Z");
  EXPECT_EQ(format_aws_time(at(2026y / 12 / 31, 23h + 59min + 59s + 999ms)),
            "2026-12-31T23:59:59.999Z");
  EXPECT_EQ(format_aws_time(at(1970y / 1 / 1, 0us)), "1970-01-01T00:00:00.000Z");
}

TEST(FormatAwsTime, YearsOutsideFourDigits) {
  EXPECT_EQ(format_aws_time(at(812y / 3 / 4, 0us)), "0812-03-04T00:00:00.000Z");
  EXPECT_EQ(format_aws_time(at(10000y / 1 / 1, 0us)), "10000-01-01T00:00:00.000Z");
}

}  // namespace
}  // namespace ae::states
