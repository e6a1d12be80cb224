// Daily bars. A bar carries split/dividend-adjusted OHLC, adjusted volume, the
// day's VWAP (adjusted; NaN when the source has none) and the adjustment factor
// (Qlib's $factor): adjusted = raw * factor, raw volume = volume * factor.
// Factors are back-adjusted: 1.0 after the most recent corporate action.
//
// BarSeries is the in-memory form of one symbol's history: one contiguous
// column per field, dense on the trading calendar from `start_index`; a missing
// bar (halt, gap) is a row whose prices are all NaN.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace ae::market {

enum class Field : int { kOpen = 0, kHigh, kLow, kClose, kVolume, kVwap, kFactor };
inline constexpr int kFieldCount = 7;
inline constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "open", "high", "low", "close", "volume", "vwap", "factor"};

inline std::string_view field_name(Field field) { return kFieldNames[static_cast<int>(field)]; }

// No listed US stock or ETF has traded near a million dollars a share; a
// price beyond this in a file is a corrupt or mis-scaled value, not a price.
inline constexpr double kMaxPlausiblePrice = 1e7;

struct Bar {
  core::Date date;
  double open = NAN;
  double high = NAN;
  double low = NAN;
  double close = NAN;
  double volume = NAN;
  double vwap = NAN;
  double factor = 1.0;

  double get(Field field) const;
  // True when the row is a placeholder for a missing bar.
  bool missing() const { return no_prices(open, high, low, close); }

  // The rule of a missing bar: none of its prices.
  static bool no_prices(double open, double high, double low, double close) {
    return std::isnan(open) && std::isnan(high) && std::isnan(low) && std::isnan(close);
  }
};

struct BarSeries {
  std::int32_t start_index = 0;
  std::array<std::vector<double>, kFieldCount> columns;

  std::size_t size() const { return columns[0].size(); }
  bool empty() const { return size() == 0; }
  std::vector<double>& column(Field field) { return columns[static_cast<int>(field)]; }
  const std::vector<double>& column(Field field) const { return columns[static_cast<int>(field)]; }
  // Appends one row (any date bookkeeping is the caller's).
  void push_back(const Bar& bar);
  // Appends a missing-bar row.
  void push_missing();
  void resize(std::size_t rows);
  // Row i as a Bar; its date is left default (the caller knows the calendar).
  Bar row(std::size_t i) const;
  void set_row(std::size_t i, const Bar& bar);
  // Number of rows that are not missing.
  std::size_t present_count() const;
};

}  // namespace ae::market
