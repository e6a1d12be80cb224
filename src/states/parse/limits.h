// The engine's data limits, one place for every check that enforces them
// (docs/states.md, "Limits"):
//   kMaxPayloadBytes    AWS's 256 KiB quota on an execution's input, a task's
//                       result, a state's output, and what a JSONPath selects;
//   kMaxSeconds         AWS's bound on a definition's seconds fields and on a
//                       Wait's SecondsPath value;
//   nesting             JSON documents nest at most core::kMaxJsonDepth levels
//                       (core/json_limits.h), and so do intrinsic calls and
//                       JSONPath filter expressions, whose parsers recurse.
#pragma once

#include <cstddef>

#include "core/json_limits.h"

namespace ae::states {

inline constexpr size_t kMaxPayloadBytes = 256 * 1024;
inline constexpr size_t kMaxExpressionNesting = core::kMaxJsonDepth;
// AWS's maximum for Wait Seconds[Path], TimeoutSeconds and HeartbeatSeconds
// (about 3.2 years; an execution lasts at most a year).
inline constexpr long long kMaxSeconds = 99999999;
// The largest integer a double holds exactly (2^53): the bound of the other
// numeric fields of a definition.
inline constexpr double kMaxExactInteger = 9007199254740992.0;

}  // namespace ae::states
