#include "core/ticker_order.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace ae::core {
namespace {

TEST(TickerOrder, OrdersStringsExactlyAsStdLessDoes) {
  // Short strings over a few letters (so prefixes and equal heads are
  // common), '-', '.', and bytes above 0x7f (unsigned, as std::less has them).
  const std::string alphabet = std::string("ABZ-.a") + '\x80' + '\xff';
  std::mt19937 random(7);
  std::vector<std::string> strings = {"", "A", "AA", "AB", "B"};
  for (int i = 0; i < 400; ++i) {
    std::string s(random() % 6, ' ');
    for (auto& c : s) c = alphabet[random() % alphabet.size()];
    strings.push_back(s);
  }
  const TickerLess less;
  for (const auto& a : strings)
    for (const auto& b : strings)
      ASSERT_EQ(less(a, b), std::less<std::string>{}(a, b)) << '"' << a << "\" vs \"" << b << '"';
}

TEST(TickerOrder, AMapFindsByStringViewWithoutBuildingAString) {
  TickerMap<int> map = {{"SPY", 1}, {"AAPL", 2}, {"AAP", 3}};
  EXPECT_EQ(map.find(std::string_view("AAPL"))->second, 2);
  EXPECT_EQ(map.find("AAP")->second, 3);
  EXPECT_EQ(map.find(std::string_view("AA")), map.end());
  EXPECT_EQ(map.begin()->first, "AAP");
}

}  // namespace
}  // namespace ae::core
