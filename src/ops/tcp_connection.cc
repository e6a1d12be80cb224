#include "ops/tcp_connection.h"

#include <fmt/format.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "ops/channels.h"

namespace ae::ops {

TcpConnection::TcpConnection(const std::string& host, int port, std::chrono::milliseconds timeout,
                             std::string label)
    : label_(std::move(label)) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const auto service = std::to_string(port);
  if (int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0)
    fail(fmt::format("cannot resolve: {}", gai_strerror(rc)));
  timeval limit{};
  limit.tv_sec = timeout.count() / 1000;
  limit.tv_usec = (timeout.count() % 1000) * 1000;
  std::string last_error = "no address";
  for (auto* address = found; address != nullptr && socket_ < 0; address = address->ai_next) {
    int candidate = ::socket(address->ai_family, address->ai_socktype, address->ai_protocol);
    if (candidate < 0) continue;
    setsockopt(candidate, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    setsockopt(candidate, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    if (::connect(candidate, address->ai_addr, address->ai_addrlen) == 0) {
      socket_ = candidate;
    } else {
      last_error = std::strerror(errno);
      ::close(candidate);
    }
  }
  freeaddrinfo(found);
  if (socket_ < 0) fail("cannot connect: " + last_error);
}

TcpConnection::~TcpConnection() {
  if (socket_ >= 0) ::close(socket_);
}

void TcpConnection::fail(const std::string& what) const {
  throw DeliveryError(fmt::format("{}: {}", label_, what));
}

void TcpConnection::send_all(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const auto n = ::send(socket_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0)
      fail(n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? "write timed out" : "write failed");
    sent += static_cast<std::size_t>(n);
  }
}

std::string TcpConnection::read_line(const std::string& waiting_for) {
  while (true) {
    const auto end = buffer_.find("\r\n");
    if (end != std::string::npos) {
      auto line = buffer_.substr(0, end);
      buffer_.erase(0, end + 2);
      return line;
    }
    char chunk[1024];
    const auto n = ::recv(socket_, chunk, sizeof chunk, 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
      fail("read timed out waiting for " + waiting_for);
    if (n <= 0) fail("connection closed waiting for " + waiting_for);
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

}  // namespace ae::ops
