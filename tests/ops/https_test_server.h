// An HTTPS server on a loopback port (cpp-httplib's SSLServer, OpenSSL),
// presenting the test CA's "localhost" certificate: it records every POST
// (path, body, headers of interest) and answers with the configured status
// and body.
#pragma once

#include <httplib.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tls_test_ca.h"

namespace ae::ops::testing {

struct ReceivedRequest {
  std::string path;
  std::string body;
  std::string content_type;
};

class HttpsTestServer {
 public:
  explicit HttpsTestServer(const TestCa& ca);
  ~HttpsTestServer();
  HttpsTestServer(const HttpsTestServer&) = delete;
  HttpsTestServer& operator=(const HttpsTestServer&) = delete;

  int port() const { return port_; }
  // "https://<host>:<port><path>"
  std::string url(const std::string& path, const std::string& host = "localhost") const;
  void answer(int status, const std::string& body);
  std::vector<ReceivedRequest> requests();

 private:
  httplib::SSLServer server_;
  int port_ = 0;
  std::atomic<bool> finished_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::vector<ReceivedRequest> requests_;
  int status_ = 200;
  std::string reply_ = R"({"ok":true})";
};

}  // namespace ae::ops::testing
