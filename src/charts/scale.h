// Axis arithmetic for the charts: "nice" numeric ticks, date ticks on
// calendar boundaries, and value formatting at a tick step's precision.
// Internal to the charts layer (format_value is public in chart.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "charts/chart.h"
#include "core/date.h"

namespace ae::charts {

struct Ticks {
  double low = 0.0;   // first tick (<= the data's minimum)
  double high = 1.0;  // last tick (>= the data's maximum)
  double step = 1.0;  // 1, 2, 2.5 or 5 x 10^k
  std::vector<double> values;
};

// Ticks covering [low, high] with about `target` intervals. A degenerate range
// (low == high) is widened around the value. Requires finite low <= high.
Ticks nice_ticks(double low, double high, int target);

struct DateTick {
  std::size_t index = 0;  // position in the date vector
  std::string label;
};

// Ticks at the first date of each day/week/month/quarter/year/N years, the
// granularity chosen so there are at most `max_ticks`.
std::vector<DateTick> date_ticks(const std::vector<core::Date>& dates, int max_ticks);

// A value printed with the precision a tick step needs ("2.5%" for step
// 0.025, "$1.5M" for step 500000 in currency).
std::string format_tick(double value, ValueFormat format, double step);

}  // namespace ae::charts
