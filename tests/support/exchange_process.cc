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
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    ::setenv("AE_HOME", home.c_str(), 1);
    const std::string port_text = std::to_string(port);
    std::vector<const char*> argv{AE_BINARY,  "--log-level", "warn",
                                  "exchange", "--port",      port_text.c_str()};
    for (const auto& flag : flags) argv.push_back(flag.c_str());
    argv.push_back(nullptr);
    ::execv(AE_BINARY, const_cast<char* const*>(argv.data()));
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  out_ = pipe_fds[0];
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
