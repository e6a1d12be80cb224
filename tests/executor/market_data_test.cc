#include "executor/planning/market_data.h"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <vector>

#include "core/error.h"
#include "executor/planning/indicators.h"
#include "market/market_test_util.h"
#include "support/test_support.h"

namespace ae::executor {
namespace {

using core::parse_date;

// 40 sessions of bars from 2026-03-02, closes 100, 101, ...; with `gap`, the
// bar of that session is missing.
std::vector<market::Bar> bars(const market::TradingCalendar& calendar,
                              std::optional<int> gap = std::nullopt) {
  std::vector<double> closes;
  for (int i = 0; i < 40; ++i) closes.push_back(100 + i);
  auto out = market::test::make_bars(calendar, parse_date("2026-03-02"), closes);
  if (gap) out.erase(out.begin() + *gap);
  return out;
}

std::vector<double> values(std::span<const double> column) {
  return {column.begin(), column.end()};
}

class HistoryAsOf : public ::testing::Test {
 protected:
  test::TempDir dir;
  market::BarStore store{dir.path() / "market"};

  // The history of `symbol` as of its `session`-th bar (0-based), `rows` deep.
  PriceHistory cut(const char* symbol, int session, std::size_t rows) {
    const auto view = store.read(symbol);
    return history_as_of(view, view.date_at(static_cast<std::size_t>(session)), rows);
  }
};

TEST_F(HistoryAsOf, HoldsTheLastRowsUpToTheAsOfDateOldestFirst) {
  store.write("AAA", market::series_from_bars(bars(store.calendar()), store.calendar(), "AAA"));
  const auto view = store.read("AAA");
  const auto h = cut("AAA", 29, 10);  // sessions 20..29
  ASSERT_EQ(h.size(), 10u);
  EXPECT_EQ(h.dates.front(), view.date_at(20));
  EXPECT_EQ(h.dates.back(), view.date_at(29));
  EXPECT_EQ(values(h.close),
            (std::vector<double>{120, 121, 122, 123, 124, 125, 126, 127, 128, 129}));
  EXPECT_DOUBLE_EQ(h.high.back(), 129 * 1.02);
  EXPECT_DOUBLE_EQ(h.low.back(), 129 * 0.97);
  EXPECT_DOUBLE_EQ(h.vwap.back(), 129 * 1.001);
  EXPECT_EQ(h.volume.back(), 1e6);
  ASSERT_TRUE(h.last_atr);
  EXPECT_TRUE(std::isnan(*h.last_atr));  // too short for ATR(14)
  const auto deep = cut("AAA", 39, 30);
  ASSERT_TRUE(deep.last_atr);
  EXPECT_GT(*deep.last_atr, 0);
  EXPECT_EQ(*deep.last_atr, wilder_atr(deep.high, deep.low, deep.close));
  // Fewer rows than asked before the as-of date: all of them.
  EXPECT_EQ(cut("AAA", 4, 10).size(), 5u);
  // Before the first bar: empty.
  EXPECT_TRUE(history_as_of(view, parse_date("2026-02-27")).empty());
}

TEST_F(HistoryAsOf, ViewsTheStoreWithoutAGapAndOutlivesIt) {
  std::optional<market::BarStore> opened;
  opened.emplace(dir.path() / "market");
  opened->write("AAA",
                market::series_from_bars(bars(opened->calendar()), opened->calendar(), "AAA"));
  PriceHistory h;
  {
    const auto view = opened->read("AAA");
    h = history_as_of(view, view.date_at(39), 300);
    EXPECT_EQ(h.close.data(), view.field(market::Field::kClose).data());  // no copy
  }
  opened.reset();  // the store and the view are gone; the history keeps the mapping
  const auto copy = h;
  ASSERT_EQ(copy.size(), 40u);
  EXPECT_EQ(copy.close.back(), 139);
  EXPECT_EQ(copy.dates.front(), parse_date("2026-03-02"));
}

TEST_F(HistoryAsOf, SkipsAMissingBarAndKeepsTheRowsAsked) {
  store.write("GAP", market::series_from_bars(bars(store.calendar(), 25), store.calendar(), "GAP"));
  const auto view = store.read("GAP");
  ASSERT_TRUE(view.bar(25).missing());
  // As of session 30 (the series' row 30), 10 present rows: 20..24 and 26..30.
  const auto h = history_as_of(view, view.date_at(30), 10);
  ASSERT_EQ(h.size(), 10u);
  EXPECT_EQ(values(h.close),
            (std::vector<double>{120, 121, 122, 123, 124, 126, 127, 128, 129, 130}));
  EXPECT_EQ(h.dates[4], view.date_at(24));
  EXPECT_EQ(h.dates[5], view.date_at(26));
  EXPECT_DOUBLE_EQ(h.high[5], 126 * 1.02);
  // Rows after the gap only: still a view.
  const auto after = history_as_of(view, view.date_at(30), 5);
  EXPECT_EQ(values(after.close), (std::vector<double>{126, 127, 128, 129, 130}));
  EXPECT_EQ(after.close.data(), view.field(market::Field::kClose).data() + 26);
}

TEST(PriceHistoryColumns, NeedADatePerCloseAndOtherColumnsAsLongOrEmpty) {
  PriceColumns columns;
  columns.dates = {parse_date("2026-03-02"), parse_date("2026-03-03")};
  columns.close = {1, 2};
  columns.high = {2, 3};
  const auto h = PriceHistory::own_columns(columns);
  EXPECT_EQ(h.size(), 2u);
  EXPECT_TRUE(h.low.empty());
  columns.low = {1};
  EXPECT_THROW((void)PriceHistory::own_columns(columns), core::InvalidInput);
  columns.low.clear();
  columns.dates.pop_back();
  EXPECT_THROW((void)PriceHistory::own_columns(columns), core::InvalidInput);
}

}  // namespace
}  // namespace ae::executor
