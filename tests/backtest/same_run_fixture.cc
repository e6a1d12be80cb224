#include "backtest/same_run_fixture.h"

#include <gtest/gtest.h>

namespace ae::backtest::test_world {

void expect_same_run(const BacktestResult& got, const BacktestResult& want) {
  EXPECT_EQ(got.dates, want.dates);
  EXPECT_EQ(got.nav, want.nav);  // bit for bit
  EXPECT_EQ(got.spy_close, want.spy_close);
  EXPECT_EQ(got.positions, want.positions);
  EXPECT_EQ(got.invested, want.invested);
  ASSERT_EQ(got.fills.size(), want.fills.size());
  for (std::size_t i = 0; i < want.fills.size(); ++i) {
    SCOPED_TRACE("fill " + std::to_string(i));
    const auto &a = got.fills[i], &b = want.fills[i];
    EXPECT_EQ(a.date, b.date);
    EXPECT_EQ(a.ticker, b.ticker);
    EXPECT_EQ(a.action, b.action);
    EXPECT_EQ(a.shares, b.shares);
    EXPECT_EQ(a.price, b.price);
    EXPECT_EQ(a.commission, b.commission);
    EXPECT_EQ(a.cost, b.cost);
    EXPECT_EQ(a.reason, b.reason);
  }
  ASSERT_EQ(got.guard_firings.size(), want.guard_firings.size());
  for (std::size_t i = 0; i < want.guard_firings.size(); ++i) {
    EXPECT_EQ(got.guard_firings[i].date, want.guard_firings[i].date);
    EXPECT_EQ(got.guard_firings[i].message, want.guard_firings[i].message);
  }
  ASSERT_EQ(got.rejections.size(), want.rejections.size());
  for (std::size_t i = 0; i < want.rejections.size(); ++i) {
    EXPECT_EQ(got.rejections[i].date, want.rejections[i].date);
    EXPECT_EQ(got.rejections[i].ticker, want.rejections[i].ticker);
    EXPECT_EQ(got.rejections[i].reason, want.rejections[i].reason);
  }
}

}  // namespace ae::backtest::test_world
