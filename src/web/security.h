// The dashboard's access rules, as pure functions the server applies to every
// request before routing (tested on their own):
//   - a bind address other than loopback (127.0.0.0/8, ::1, localhost)
//     requires a token, else the server refuses to start;
//   - with a token, every request must carry it, as `Authorization: Bearer
//     <token>` or `?token=<token>`, compared in constant time (401 otherwise);
//   - the dashboard is read-only: GET and HEAD only (405 otherwise);
//   - a request target containing a ".." segment, raw or percent-encoded
//     (%2e, %2f, %5c in any case), a backslash or a NUL is answered 404.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ae::web {

bool is_loopback_address(std::string_view bind);

bool constant_time_equals(std::string_view a, std::string_view b);

// The token a request presents: the Bearer credential of the Authorization
// header if there is one, else the `token` query parameter.
std::optional<std::string> presented_token(std::string_view authorization_header,
                                           std::optional<std::string> query_token);

// True when the raw request target tries to leave the served tree.
bool is_traversal_attempt(std::string_view target);

bool is_allowed_method(std::string_view method);

}  // namespace ae::web
