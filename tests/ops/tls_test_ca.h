// A certificate authority made at test time with the openssl CLI, in a
// scratch directory: the CA's certificate (ca.pem), a server certificate
// for the host name "localhost" only (server.pem, server.key: a client that
// connects to 127.0.0.1 sees a host name mismatch), and a second, unrelated
// CA (other_ca.pem) that a client can wrongly trust. EC P-256 keys, valid
// for two days.
#pragma once

#include <filesystem>

#include "support/test_support.h"

namespace ae::ops::testing {

class TestCa {
 public:
  TestCa();
  std::filesystem::path ca_certificate() const { return dir_.path() / "ca.pem"; }
  std::filesystem::path other_ca_certificate() const { return dir_.path() / "other_ca.pem"; }
  std::filesystem::path server_certificate() const { return dir_.path() / "server.pem"; }
  std::filesystem::path server_key() const { return dir_.path() / "server.key"; }

 private:
  test::TempDir dir_;
};

}  // namespace ae::ops::testing
