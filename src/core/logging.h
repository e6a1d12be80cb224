// Process-wide logging set-up (spdlog). Logs go to stderr so that stdout stays
// clean for command results. Format "text" is for people; "json" writes one
// JSON object per line ({"ts","level","logger","msg"}) for machines.
#pragma once

#include <string_view>

namespace ae::core {

// InvalidInput unless level is trace|debug|info|warn|error|critical|off.
void check_log_level(std::string_view level);

// level: trace|debug|info|warn|error|critical|off; format: text|json.
// Throws InvalidInput on an unknown level or format.
void configure_logging(std::string_view level, std::string_view format);

}  // namespace ae::core
