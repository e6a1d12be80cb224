// Whether a host name as it appears in a URL or a setting is this machine's
// loopback: "localhost", an IPv4 address in 127.0.0.0/8, or ::1 (with or
// without brackets). Names that merely resolve to loopback do not count.
#pragma once

#include <string_view>

namespace ae::ops {

bool is_loopback_host(std::string_view host);

}  // namespace ae::ops
