// A panel: one field of many symbols aligned on a common span of the trading
// calendar, values[symbol][day] (NaN where a symbol has no bar). The shape
// the cross-sectional code (oracle IC, coverage, features' macro inputs) uses.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "market/bar_store.h"

namespace ae::market {

struct Panel {
  std::int32_t start_index = 0;  // calendar index of day 0
  std::size_t days = 0;
  std::vector<std::string> symbols;
  std::vector<std::vector<double>> values;  // [symbol][day]
};

// Days [start_index, end_index) of `field`; absent symbols are all NaN.
Panel load_panel(const BarStore& store, const std::vector<std::string>& symbols, Field field,
                 std::int32_t start_index, std::int32_t end_index);

// The values of `field` on one calendar day for each symbol (NaN if absent).
std::vector<double> cross_section(const BarStore& store, const std::vector<std::string>& symbols,
                                  Field field, std::int32_t day_index);

}  // namespace ae::market
