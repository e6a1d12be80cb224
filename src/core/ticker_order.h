// The order of tickers (and any short strings) used by the maps the planner
// and the backtester look tickers up in: the same order as std::less on
// std::string (bytes compared as unsigned char, a prefix first), compared
// inline instead of through a library memcmp call, which dominates lookups
// of strings a few bytes long. Transparent: a std::string_view or a string
// literal is looked up without building a std::string.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace ae::core {

struct TickerLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept {
    const std::size_t n = a.size() < b.size() ? a.size() : b.size();
    for (std::size_t i = 0; i < n; ++i)
      if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
    return a.size() < b.size();
  }
};

template <typename T>
using TickerMap = std::map<std::string, T, TickerLess>;
using TickerSet = std::set<std::string, TickerLess>;

}  // namespace ae::core
