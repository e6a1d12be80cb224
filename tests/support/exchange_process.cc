#include "support/exchange_process.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "support/ae_child.h"
#include "support/test_support.h"

namespace ae::test {

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

void write_fix_settings(const std::filesystem::path& home, int port) {
  std::filesystem::create_directories(home / "config");
  std::ofstream(home / "config" / "fix.yaml")
      << "session:\n  port: " << port << "\n  reconnect_seconds: 1\n  logon_timeout_seconds: 2\n";
}

ExchangeProcess::ExchangeProcess(const std::filesystem::path& home, int port,
                                 const std::vector<std::string>& flags) {
  std::vector<std::string> arguments{"exchange", "--port", std::to_string(port)};
  arguments.insert(arguments.end(), flags.begin(), flags.end());
  const auto child = start_ae(home, arguments);
  pid_ = child.pid;
  out_ = child.out;
  const auto first = read_line(out_, 60'000);
  if (first.rfind("exchange on port", 0) != 0) {
    stop();
    throw std::runtime_error("ae exchange did not start: '" + first + "'");
  }
}

ExchangeProcess::~ExchangeProcess() { stop(); }

ExchangeCounts ExchangeProcess::stop() {
  ExchangeCounts counts;
  if (pid_ <= 0) return counts;
  ::kill(pid_, SIGTERM);
  const auto last = read_line(out_, 60'000);
  std::sscanf(last.c_str(),
              "exchange stopped: %d order(s) received, %d duplicate(s) refused, %d fill(s) sent",
              &counts.orders_received, &counts.duplicates_refused, &counts.fills_sent);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  ::close(out_);
  pid_ = -1;
  return counts;
}

}  // namespace ae::test
