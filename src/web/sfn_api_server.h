// `ae sfn serve`'s HTTP server: the Step Functions API (states/api/service.h)
// over cpp-httplib, with the connection limits every server of ae applies
// (connection_limits.h: read timeout, keep-alive rules, a thread per
// connection up to a cap, a body of at most 1 MiB, else 413
// RequestEntityTooLargeException). Loopback (127.0.0.0/8, ::1, localhost) by
// default; any other bind address needs credentials, so that every request
// is signed (SigV4), else the constructor refuses (core::InvalidInput).
#pragma once

#include <memory>
#include <string>

#include "states/api/service.h"

namespace httplib {
class Server;
}

namespace ae::web {

struct SfnApiServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8083;  // 0: any free port
  states::api::ServiceOptions service;
};

class SfnApiServer {
 public:
  SfnApiServer(SfnApiServerOptions options, const states::ResourceRegistry& resources,
               core::Clock& clock);
  ~SfnApiServer();
  SfnApiServer(const SfnApiServer&) = delete;
  SfnApiServer& operator=(const SfnApiServer&) = delete;

  // Binds the socket; returns the port. Throws core::IoError when it cannot.
  int bind();
  void run();  // serves until stop()
  void stop();
  size_t resumed() const { return service_->resumed(); }

 private:
  SfnApiServerOptions options_;
  std::unique_ptr<states::api::StepFunctionsService> service_;
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace ae::web
