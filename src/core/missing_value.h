// The value of a number that is missing - a quiet NaN - spelled once for
// every layer.
#pragma once

#include <limits>

namespace ae::core {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace ae::core
