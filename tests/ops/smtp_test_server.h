// Runs tests/ops/smtp_test_server.py (Debian's aiosmtpd, a real SMTP server)
// as a child process on a loopback port and reads what it accepted. The
// interpreter is Debian's /usr/bin/python3, where python3-aiosmtpd installs.
// The child is terminated and reaped on destruction.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/test_support.h"
#include "tls_test_ca.h"

namespace ae::ops::testing {

struct SmtpServerOptions {
  std::string mode;  // "plain", "starttls" or "smtps"
  std::string user;  // AUTH required when not empty
  std::string password;
};

class SmtpTestServer {
 public:
  SmtpTestServer(const TestCa& ca, const SmtpServerOptions& options);
  ~SmtpTestServer();
  SmtpTestServer(const SmtpTestServer&) = delete;
  SmtpTestServer& operator=(const SmtpTestServer&) = delete;

  int port() const { return port_; }
  // Accepted messages in arrival order: {"mail_from", "rcpt_tos", "data", "tls", "login"}.
  std::vector<nlohmann::json> messages() const;

 private:
  test::TempDir spool_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace ae::ops::testing
