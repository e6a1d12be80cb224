#include "executor/intraday/intraday_rules.h"

#include <gtest/gtest.h>

namespace ae::executor {
namespace {

core::ApprovedEntry entry() {
  core::ApprovedEntry e;
  e.ticker = "AAA";
  e.current_price = 100;
  e.triggers = {
      {"pullback_pct", 0.02}, {"vwap", 100.0}, {"vwap_discount", 0.005}, {"support_level", 95.0}};
  return e;
}

Quote quote(double last, double high, double low) { return {"AAA", last, high, low, 100, 1e6}; }

constexpr int kMorning = 10 * 60;

TEST(EntryTriggers, Pullback) {
  EXPECT_EQ(entry_trigger(entry(), quote(101.9, 104, 101), kMorning, RiskConfig{}), "pullback");
  EXPECT_FALSE(entry_trigger(entry(), quote(102.5, 104, 101), kMorning, RiskConfig{}));
}

TEST(EntryTriggers, VwapDiscount) {
  EXPECT_EQ(entry_trigger(entry(), quote(99.4, 99.5, 99), kMorning, RiskConfig{}), "vwap_discount");
}

TEST(EntryTriggers, SupportBounceUnlessBroken) {
  auto e = entry();
  e.triggers["vwap"] = 90.0;  // far below: no VWAP discount
  EXPECT_EQ(entry_trigger(e, quote(95.5, 95.6, 95.2), kMorning, RiskConfig{}), "support_bounce");
  EXPECT_FALSE(entry_trigger(e, quote(95.5, 95.6, 94.0), kMorning, RiskConfig{}));
}

TEST(EntryTriggers, GraduatedAfterTwoAndUnconditionalAt1555) {
  EXPECT_FALSE(entry_trigger(entry(), quote(100.5, 100.6, 100.4), kMorning, RiskConfig{}));
  EXPECT_EQ(entry_trigger(entry(), quote(100.5, 100.6, 100.4), 14 * 60, RiskConfig{}),
            "graduated_entry");
  EXPECT_FALSE(entry_trigger(entry(), quote(101.5, 101.6, 101.4), 14 * 60, RiskConfig{}));
  EXPECT_EQ(entry_trigger(entry(), quote(101.5, 101.6, 101.4), 15 * 60 + 55, RiskConfig{}),
            "time_expiry");
}

TEST(EntryTriggers, DisabledTriggersAreSkippedButExpiryIsNot) {
  RiskConfig c;
  c.disabled_triggers = {"pullback", "vwap_discount", "support_bounce", "graduated_entry"};
  EXPECT_FALSE(entry_trigger(entry(), quote(99.4, 104, 99), 14 * 60, c));
  EXPECT_EQ(entry_trigger(entry(), quote(99.4, 104, 99), 15 * 60 + 55, c), "time_expiry");
}

core::ActiveStop stop() {
  core::ActiveStop s;
  s.ticker = "AAA";
  s.entry_price = 100;
  s.current_stop = 96;
  s.trail_atr = 2;
  s.atr_multiple = 2;
  s.high_water = 100;
  s.entry_date = core::parse_date("2026-04-20");
  s.shares = 100;
  return s;
}

TEST(IntradayExits, TrailRatchetsUpOnlyAndTightensAfterThreeDays) {
  auto s = stop();
  EXPECT_TRUE(update_trail(s, 103, core::parse_date("2026-04-20"), RiskConfig{}));
  EXPECT_DOUBLE_EQ(s.current_stop, 99);
  EXPECT_FALSE(update_trail(s, 102, core::parse_date("2026-04-20"), RiskConfig{}));
  EXPECT_DOUBLE_EQ(s.current_stop, 99);
  EXPECT_TRUE(update_trail(s, 104, core::parse_date("2026-04-23"), RiskConfig{}));
  EXPECT_DOUBLE_EQ(s.current_stop, 101);  // 104 - 1.5 x 2
}

TEST(IntradayExits, StopThenProfitTakeOnceThenCollapse) {
  auto s = stop();
  auto hit = intraday_exit(s, quote(95.9, 100, 95), 100, RiskConfig{});
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->reason, "intraday_trailing_stop");
  EXPECT_EQ(hit->shares, 100);
  auto take = intraday_exit(s, quote(108, 108, 100), 100, RiskConfig{});
  ASSERT_TRUE(take);
  EXPECT_EQ(take->action, core::ExitAction::kReduce);
  EXPECT_EQ(take->shares, 50);
  s.profit_take_executed = true;
  EXPECT_FALSE(intraday_exit(s, quote(108, 108, 100), 100, RiskConfig{}));
  auto collapse = intraday_exit(s, quote(100, 105.5, 99), 100, RiskConfig{});
  ASSERT_TRUE(collapse);
  EXPECT_EQ(collapse->reason, "intraday_collapse");
  EXPECT_FALSE(intraday_exit(s, quote(95, 100, 95), 0, RiskConfig{}));  // nothing held
}

}  // namespace
}  // namespace ae::executor
