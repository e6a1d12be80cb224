// The connection limits every HTTP server of ae applies - the dashboard
// (`ae serve`) and any later server, e.g. a Step Functions API, which
// belongs in this layer and calls apply_connection_limits the same way - so
// that slow or stalled clients cannot hold a server:
//   - a connection whose request stops arriving for kReadTimeout is answered
//     400 and closed once the keep-alive wait below is over (the timeout
//     restarts with each byte received, so a client trickling a byte a
//     second holds its connection: the cap below bounds how many); writes
//     give up after kWriteTimeout;
//   - an idle keep-alive connection is closed after kKeepAliveTimeout, and
//     after kKeepAliveMaxRequests requests;
//   - up to kMaxConnections connections are served at once, each on a thread
//     of its own (started when needed and kept); further connections wait,
//     in arrival order, for one to finish. So fewer than kMaxConnections
//     stalled clients never delay an honest request, and more delay it by
//     about kReadTimeout + kKeepAliveTimeout per kMaxConnections of them;
//   - a request body may be at most kMaxPayloadBytes.
#pragma once

#include <chrono>
#include <cstddef>

namespace httplib {
class Server;
}

namespace ae::web {

inline constexpr std::chrono::seconds kReadTimeout{5};
inline constexpr std::chrono::seconds kWriteTimeout{5};
inline constexpr std::chrono::seconds kKeepAliveTimeout{2};
inline constexpr std::size_t kKeepAliveMaxRequests = 1000;
inline constexpr std::size_t kMaxConnections = 64;
inline constexpr std::size_t kMaxPayloadBytes = std::size_t{1} << 20;

// Sets the timeouts, the keep-alive rules, the payload limit and the
// connection pool on `server` (before it listens).
void apply_connection_limits(httplib::Server& server);

}  // namespace ae::web
