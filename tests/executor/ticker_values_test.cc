#include "executor/planning/ticker_values.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace ae::executor {
namespace {

TickerValues<double> layered() {
  TickerValues<double> values({{"AAA", 1}, {"CCC", 3}, {"EEE", 5}});
  values.set("BBB", 20);
  values.set("CCC", 30);  // the book's own value wins over the day's
  return values;
}

TEST(TickerValues, OwnValuesOverTheSharedOnes) {
  const auto values = layered();
  EXPECT_EQ(*values.find("AAA"), 1);
  EXPECT_EQ(*values.find("BBB"), 20);
  EXPECT_EQ(*values.find("CCC"), 30);
  EXPECT_EQ(values.find("DDD"), nullptr);
  EXPECT_TRUE(values.contains("EEE"));
  EXPECT_FALSE(values.contains("ZZZ"));
  EXPECT_EQ(values.at("BBB"), 20);
  EXPECT_THROW((void)values.at("DDD"), std::out_of_range);
}

TEST(TickerValues, CopiesShareTheDayPartAndKeepTheirOwn) {
  const auto day = layered();
  auto book = day;
  book.set("AAA", 100);
  EXPECT_EQ(*book.find("AAA"), 100);
  EXPECT_EQ(*day.find("AAA"), 1);
}

TEST(TickerValues, AValueEqualToTheOneATickerHasIsNotStoredAgain) {
  TickerValues<double> values({{"AAA", 1}, {"CCC", 3}});
  values.set("AAA", 1);
  EXPECT_TRUE(values.own().empty());
  values.set("AAA", 2);
  values.set("BBB", 5);
  values.set("BBB", 5);
  EXPECT_EQ(values.own(), (TickerValues<double>::Map{{"AAA", 2}, {"BBB", 5}}));
  EXPECT_EQ(*values.find("AAA"), 2);
}

TEST(TickerValues, CopiesShareTheirSharedPart) {
  const TickerValues<double> day({{"AAA", 1}});
  auto book = day;
  book.set("BBB", 2);
  EXPECT_TRUE(book.shares_part_with(day));
  EXPECT_FALSE(book.shares_part_with(TickerValues<double>({{"AAA", 1}})));
  EXPECT_TRUE(TickerValues<double>().shares_part_with(TickerValues<double>()));
}

TEST(TickerValues, CursorFindsIncreasingTickersInBothParts) {
  const auto values = layered();
  TickerValues<double>::Cursor cursor(values);
  std::vector<double> seen;
  for (const auto* ticker : {"AAA", "BBB", "CCC", "DDD", "EEE", "FFF"}) {
    const auto* value = cursor.seek(ticker);
    seen.push_back(value ? *value : -1);
  }
  EXPECT_EQ(seen, (std::vector<double>{1, 20, 30, -1, 5, -1}));

  TickerValues<double> own_only;  // no shared part: a hand-built input
  own_only.set("AAA", 7);
  TickerValues<double>::Cursor own(own_only);
  EXPECT_EQ(*own.seek("AAA"), 7);
  EXPECT_EQ(own.seek("BBB"), nullptr);
}

}  // namespace
}  // namespace ae::executor
