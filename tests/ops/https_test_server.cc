#include "https_test_server.h"

#include <stdexcept>

namespace ae::ops::testing {

HttpsTestServer::HttpsTestServer(const TestCa& ca)
    : server_(ca.server_certificate().c_str(), ca.server_key().c_str()) {
  if (!server_.is_valid()) throw std::runtime_error("https test server: bad certificate or key");
  server_.Post(".*", [this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard lock(mutex_);
    requests_.push_back({request.path, request.body, request.get_header_value("Content-Type")});
    response.status = status_;
    response.set_content(reply_, "application/json");
  });
  port_ = server_.bind_to_any_port("127.0.0.1");  // listening from here on
  if (port_ <= 0) throw std::runtime_error("https test server: cannot bind a loopback port");
  thread_ = std::thread([this] {
    server_.listen_after_bind();
    finished_ = true;
  });
}

HttpsTestServer::~HttpsTestServer() {
  // stop() acts only on a running loop: wait for it to start (or to have ended).
  while (!server_.is_running() && !finished_) std::this_thread::yield();
  server_.stop();
  thread_.join();
}

std::string HttpsTestServer::url(const std::string& path, const std::string& host) const {
  return "https://" + host + ":" + std::to_string(port_) + path;
}

void HttpsTestServer::answer(int status, const std::string& body) {
  std::lock_guard lock(mutex_);
  status_ = status;
  reply_ = body;
}

std::vector<ReceivedRequest> HttpsTestServer::requests() {
  std::lock_guard lock(mutex_);
  return requests_;
}

}  // namespace ae::ops::testing
