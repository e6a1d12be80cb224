// ISO-8601 extended offset date-times as ASL compares and waits on them:
// "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)". Strict: anything else
// (missing T or offset, impossible dates or times) is rejected.
#pragma once

#include <optional>
#include <string_view>

#include "core/date.h"

namespace ae::states {

std::optional<core::Timestamp> parse_asl_timestamp(std::string_view text);

}  // namespace ae::states
