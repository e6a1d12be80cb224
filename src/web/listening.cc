#include "web/listening.h"

#include <httplib.h>
#include <sys/socket.h>

#include "core/error.h"

namespace ae::web {

void set_listen_options(httplib::Server& server) {
  server.set_tcp_nodelay(true);
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
}

int bind_listener(httplib::Server& server, const std::string& address, int port,
                  std::string_view command) {
  int bound = port;
  if (port == 0) {
    bound = server.bind_to_any_port(address);
    if (bound < 0) bound = 0;
  } else if (!server.bind_to_port(address, port)) {
    bound = 0;
  }
  if (bound == 0)
    throw core::IoError(std::string(command) + ": cannot listen on " + address + ":" +
                        std::to_string(port) + " (in use, or not an address here)");
  return bound;
}

}  // namespace ae::web
