#include "executor/planning/market_data.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <vector>

#include "core/error.h"
#include "executor/planning/indicators.h"
#include "market/features/smoothing.h"
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

TEST_F(HistoryAsOf, ManyAtOnceGiveEachHistoryAndItsAtr) {
  store.write("AAA", market::series_from_bars(bars(store.calendar()), store.calendar(), "AAA"));
  store.write("GAP", market::series_from_bars(bars(store.calendar(), 25), store.calendar(), "GAP"));
  const auto aaa = store.read("AAA"), gap = store.read("GAP");
  const auto as_of = aaa.date_at(35);
  // Six views (two rounds of side-by-side recursions), one absent, one too
  // short for an ATR, one with a copied history.
  const std::vector<const market::SeriesView*> views = {&aaa, &gap, nullptr, &aaa, &gap, &aaa};
  const auto many = histories_as_of(views, as_of, 30);
  const auto short_ones = histories_as_of(std::vector<const market::SeriesView*>{&aaa}, as_of, 10);
  ASSERT_EQ(many.size(), views.size());
  for (std::size_t k = 0; k < views.size(); ++k) {
    if (!views[k]) {
      EXPECT_TRUE(many[k].empty());
      continue;
    }
    const auto one = history_as_of(*views[k], as_of, 30);
    EXPECT_EQ(values(many[k].close), values(one.close)) << k;
    ASSERT_TRUE(many[k].last_atr && one.last_atr);
    EXPECT_EQ(*many[k].last_atr, *one.last_atr) << k;
    EXPECT_TRUE(std::isfinite(*one.last_atr));
  }
  ASSERT_TRUE(short_ones[0].last_atr);
  EXPECT_TRUE(std::isnan(*short_ones[0].last_atr));
}

TEST(WilderAtrs, EachIsTheAtrOfItsSeriesAlone) {
  // Nine series of different lengths and shapes, so that rounds of side-by-
  // side recursions end at different rows: too short, exactly long enough, a
  // NaN before the seed (skipped), a NaN after it (no value), and plain ones.
  std::vector<std::vector<double>> highs, lows, closes;
  for (std::size_t s = 0; s < 9; ++s) {
    const std::size_t rows = std::vector<std::size_t>{5, 15, 40, 300, 16, 120, 299, 60, 1}[s];
    std::vector<double> high, low, close;
    for (std::size_t i = 0; i < rows; ++i) {
      const double c =
          100 + 10 * std::sin(0.3 * static_cast<double>(i + s)) + static_cast<double>(s);
      close.push_back(c);
      high.push_back(c * (1.01 + 0.001 * static_cast<double>(i % 7)));
      low.push_back(c * (0.98 - 0.002 * static_cast<double>(i % 5)));
    }
    if (s == 2) high[3] = NAN;  // before the seed is complete
    if (s == 7) low[40] = NAN;  // after it: the series has no ATR
    highs.push_back(high);
    lows.push_back(low);
    closes.push_back(close);
  }
  std::vector<HighLowClose> series;
  for (std::size_t s = 0; s < highs.size(); ++s) series.push_back({highs[s], lows[s], closes[s]});
  std::vector<double> atrs(series.size());
  wilder_atrs(series, atrs);
  for (std::size_t s = 0; s < series.size(); ++s) {
    // Alone, and by the smoothing of market/features/smoothing.h directly.
    const double alone = wilder_atr(highs[s], lows[s], closes[s]);
    EXPECT_TRUE(std::memcmp(&alone, &atrs[s], sizeof alone) == 0) << s;
    const std::size_t n = closes[s].size();
    const auto smoothed = market::features::wilder_last(n, 14, [&](std::size_t i) {
      if (i == 0) return double{NAN};
      return std::max({highs[s][i] - lows[s][i], std::abs(highs[s][i] - closes[s][i - 1]),
                       std::abs(lows[s][i] - closes[s][i - 1])});
    });
    const double want = n >= 15 && smoothed ? *smoothed : NAN;
    EXPECT_TRUE(std::memcmp(&want, &atrs[s], sizeof want) == 0) << s;
  }
  EXPECT_TRUE(std::isnan(atrs[0]));
  EXPECT_TRUE(std::isfinite(atrs[1]));
  EXPECT_TRUE(std::isnan(atrs[7]));
  EXPECT_TRUE(std::isnan(atrs[8]));
  // wilder_atr by hand on series 1 (15 rows: 14 true ranges, the seed alone).
  double sum = 0;
  for (std::size_t i = 1; i < 15; ++i) {
    sum += std::max({highs[1][i] - lows[1][i], std::abs(highs[1][i] - closes[1][i - 1]),
                     std::abs(lows[1][i] - closes[1][i - 1])});
  }
  EXPECT_EQ(atrs[1], sum / 14);
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
