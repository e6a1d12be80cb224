// `ae sfn serve` as a child process on a scratch home, for the tests that
// drive the Step Functions API with the real clients (awscli, boto3): started
// with `--port 0` (a free port) and the given flags, ready once it printed
// its {"url", "port", ...} document; the destructor stops it (SIGTERM).
// Also: the clients' paths (Debian's, so another Python's packages are never
// used) and a folder for AWS_DATA_PATH with the actions newer than Debian's
// clients (sfn_api/newer_operations.py).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace ae::test {

inline constexpr const char* kAwsCli = "/usr/bin/aws";
inline constexpr const char* kPython = "/usr/bin/python3";

// "" when awscli and boto3 are installed, else what is missing and how to
// install it (scripts/install-deps.sh).
std::string missing_clients();

// A folder to pass as AWS_DATA_PATH (made once per test process, removed at its exit).
std::string newer_operations_model();

// Runs a shell command line, capturing its stdout, stderr and exit code.
CommandResult run_client(const std::string& command_line);

class SfnServer {
 public:
  // Throws std::runtime_error when it does not start within 60 s.
  SfnServer(const std::filesystem::path& home, const std::vector<std::string>& flags,
            const std::vector<std::pair<std::string, std::string>>& environment = {});
  ~SfnServer();
  SfnServer(const SfnServer&) = delete;
  SfnServer& operator=(const SfnServer&) = delete;

  int port() const { return port_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // SIGTERM and wait (idempotent).
  void stop();

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  int port_ = 0;
};

}  // namespace ae::test
