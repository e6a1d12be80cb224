#include "core/clock.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/error.h"
#include "core/market_time.h"

namespace ae::core {
namespace {

using namespace std::chrono;

TEST(VirtualClock, StandsStillUntilTold) {
  VirtualClock clock(parse_timestamp("2026-04-20T13:30:00Z"));
  EXPECT_EQ(clock.now(), clock.now());
  clock.advance(minutes{5});
  EXPECT_EQ(format_timestamp(clock.now()), "2026-04-20T13:35:00Z");
}

TEST(VirtualClock, SleepUntilReturnsAtOnceHavingAdvanced) {
  VirtualClock clock(parse_timestamp("2026-04-20T13:30:00Z"));
  clock.sleep_until(parse_timestamp("2026-04-20T20:00:00Z"));
  EXPECT_EQ(format_timestamp(clock.now()), "2026-04-20T20:00:00Z");
  clock.sleep_until(parse_timestamp("2026-04-20T10:00:00Z"));  // past: no-op
  EXPECT_EQ(format_timestamp(clock.now()), "2026-04-20T20:00:00Z");
  clock.sleep_for(hours{1});
  EXPECT_EQ(format_timestamp(clock.now()), "2026-04-20T21:00:00Z");
}

TEST(VirtualClock, NeverMovesBackwards) {
  VirtualClock clock(parse_timestamp("2026-04-20T13:30:00Z"));
  EXPECT_THROW(clock.set(parse_timestamp("2026-04-19T13:30:00Z")), InvalidInput);
  EXPECT_THROW(clock.advance(microseconds{-1}), InvalidInput);
}

TEST(VirtualClock, ConcurrentSleepersEndAtTheLatestInstant) {
  Timestamp start = parse_timestamp("2026-01-01T00:00:00Z");
  VirtualClock clock(start);
  std::vector<std::thread> threads;
  for (int i = 1; i <= 8; ++i) {
    threads.emplace_back([&clock, start, i] { clock.sleep_until(start + seconds{i}); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(clock.now(), start + seconds{8});
}

TEST(RealClock, AdvancesOnItsOwn) {
  RealClock clock;
  Timestamp a = clock.now();
  clock.sleep_for(milliseconds{2});
  EXPECT_GT(clock.now(), a);
  EXPECT_FALSE(clock.is_virtual());
}

TEST(MakeClock, ByName) {
  Timestamp start = parse_timestamp("2026-01-01T00:00:00Z");
  EXPECT_TRUE(make_clock("virtual", start)->is_virtual());
  EXPECT_FALSE(make_clock("real", start)->is_virtual());
  EXPECT_THROW(make_clock("wall", start), InvalidInput);
}

TEST(MarketTime, NewYorkConversionsFollowDaylightSaving) {
  // Winter: EST = UTC-5. Summer: EDT = UTC-4.
  EXPECT_EQ(format_timestamp(new_york_instant(parse_date("2026-01-15"), hours{9} + minutes{30})),
            "2026-01-15T14:30:00Z");
  EXPECT_EQ(format_timestamp(new_york_instant(parse_date("2026-07-15"), hours{9} + minutes{30})),
            "2026-07-15T13:30:00Z");
  // 2026-03-08 is the spring-forward Sunday; the Monday after opens at 13:30Z.
  EXPECT_EQ(format_timestamp(new_york_instant(parse_date("2026-03-09"), hours{16})),
            "2026-03-09T20:00:00Z");
  Timestamp late = parse_timestamp("2026-04-21T02:00:00Z");  // 22:00 on the 20th in New York
  EXPECT_EQ(format_date(new_york_date(late)), "2026-04-20");
  EXPECT_EQ(new_york_time_of_day(late), hours{22});
}

}  // namespace
}  // namespace ae::core

namespace ae::core {
namespace {

TEST(Stopwatch, MeasuresElapsedAndRemainingTime) {
  Stopwatch watch;
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  EXPECT_GE(watch.elapsed(), std::chrono::milliseconds(2));
  EXPECT_GT(watch.elapsed_seconds(), 0.0);
  EXPECT_EQ(watch.remaining(std::chrono::milliseconds(1)), std::chrono::nanoseconds{0});
  EXPECT_GT(watch.remaining(std::chrono::hours(1)), std::chrono::minutes(59));
}

}  // namespace
}  // namespace ae::core
