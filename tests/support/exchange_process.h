// `ae exchange` as a child process, for tests that trade through the real
// binary over a real FIX session on loopback: a free port, the home's
// config/fix.yaml pointing the FIX broker at it, and the exchange itself
// (started with the home and fault flags, ready once it printed its port;
// stop() sends SIGTERM and returns what it reported doing).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace ae::test {

// A TCP port on 127.0.0.1 that nothing listens on now.
int free_port();

// $home/config/fix.yaml: session.port = `port`, a 1 s reconnect interval and
// a 2 s logon timeout (a failed logon is known in about 6 s).
void write_fix_settings(const std::filesystem::path& home, int port);

// What `ae exchange` printed when it stopped.
struct ExchangeCounts {
  int orders_received = -1;
  int duplicates_refused = -1;
  int fills_sent = -1;
};

class ExchangeProcess {
 public:
  // Starts `ae exchange --port <port> <flags>` on `home`; throws
  // std::runtime_error when it does not print its port within 60 s.
  ExchangeProcess(const std::filesystem::path& home, int port,
                  const std::vector<std::string>& flags = {});
  ~ExchangeProcess();
  ExchangeProcess(const ExchangeProcess&) = delete;
  ExchangeProcess& operator=(const ExchangeProcess&) = delete;

  // SIGTERM, then its summary line; -1 counts when it printed none.
  ExchangeCounts stop();

 private:
  pid_t pid_ = -1;
  int out_ = -1;  // its stdout
};

}  // namespace ae::test
