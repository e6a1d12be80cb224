// A blocking TCP client connection with a timeout on connect, every read and
// every write (SO_RCVTIMEO / SO_SNDTIMEO), for the webhook and SMTP channels.
// Every failure throws DeliveryError prefixed with `label`.
#pragma once

#include <chrono>
#include <string>

namespace ae::ops {

class TcpConnection {
 public:
  TcpConnection(const std::string& host, int port, std::chrono::milliseconds timeout,
                std::string label);
  ~TcpConnection();
  TcpConnection(const TcpConnection&) = delete;
  TcpConnection& operator=(const TcpConnection&) = delete;

  void send_all(const std::string& bytes);
  // One line without its CRLF; `waiting_for` names the wait in errors.
  std::string read_line(const std::string& waiting_for);

  [[noreturn]] void fail(const std::string& what) const;

 private:
  int socket_ = -1;
  std::string label_;
  std::string buffer_;
};

}  // namespace ae::ops
