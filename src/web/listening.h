// How every HTTP server of ae listens:
//   - set_listen_options: TCP_NODELAY (headers and body go out in separate
//     writes: without it, Nagle and the client's delayed ACK add ~40 ms to a
//     keep-alive request) and SO_REUSEADDR only (cpp-httplib's default also
//     sets SO_REUSEPORT, which lets a second server share a port silently
//     instead of failing);
//   - bind_listener: binds `address:port` (port 0: any free port) and returns
//     the port; core::IoError naming `command` when the address cannot be
//     bound (in use, or not an address of this machine).
#pragma once

#include <string>
#include <string_view>

namespace httplib {
class Server;
}

namespace ae::web {

void set_listen_options(httplib::Server& server);

int bind_listener(httplib::Server& server, const std::string& address, int port,
                  std::string_view command);

}  // namespace ae::web
