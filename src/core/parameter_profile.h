// The name of the default parameter profile: the shipped defaults themselves
// (core/parameters.h lists and applies the profiles).
#pragma once

#include <string_view>

namespace ae::core {

inline constexpr std::string_view kDefaultProfile = "benchmark";

}  // namespace ae::core
