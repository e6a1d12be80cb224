#include "web/sfn_api_server.h"

#include <httplib.h>

#include "core/error.h"
#include "web/connection_limits.h"
#include "web/listening.h"
#include "web/security.h"

namespace ae::web {
namespace {

constexpr const char* kContentType = "application/x-amz-json-1.0";

states::api::SignedRequest signed_request(const httplib::Request& req) {
  states::api::SignedRequest out{req.method, req.path, {}, {}, req.body};
  for (const auto& [name, value] : req.params) out.query.emplace(name, value);
  for (const auto& [name, value] : req.headers) {
    std::string lower = name;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace(lower, value);
  }
  return out;
}

}  // namespace

SfnApiServer::SfnApiServer(SfnApiServerOptions options, const states::ResourceRegistry& resources,
                           core::Clock& clock)
    : options_(std::move(options)), server_(std::make_unique<httplib::Server>()) {
  if (!is_loopback_address(options_.bind) && !options_.service.credentials)
    throw core::InvalidInput(
        "ae sfn serve: binding to " + options_.bind +
        " (beyond loopback) needs credentials to verify request signatures: pass --credentials "
        "FILE or set AE_SFN_ACCESS_KEY_ID and AE_SFN_SECRET_ACCESS_KEY");
  if (options_.port < 0 || options_.port > 65535)
    throw core::InvalidInput("ae sfn serve: port " + std::to_string(options_.port) +
                             " is out of range");
  service_ =
      std::make_unique<states::api::StepFunctionsService>(options_.service, resources, clock);
  set_listen_options(*server_);
  apply_connection_limits(*server_);
  const auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    const auto reply = service_->handle(signed_request(req));
    res.status = reply.status;
    res.set_content(reply.body, kContentType);
  };
  server_->Post(".*", handler);
  server_->Get(".*", handler);
  // Errors httplib answers itself (a body over the limit: 413) in AWS's shape.
  server_->set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const std::string type =
        res.status == 413 ? "RequestEntityTooLargeException" : "MalformedHttpRequestException";
    res.set_content(
        nlohmann::json{{"__type", type}, {"message", "HTTP " + std::to_string(res.status)}}.dump(),
        kContentType);
  });
}

SfnApiServer::~SfnApiServer() = default;

int SfnApiServer::bind() {
  return bind_listener(*server_, options_.bind, options_.port, "ae sfn serve");
}

void SfnApiServer::run() { server_->listen_after_bind(); }
void SfnApiServer::stop() { server_->stop(); }

}  // namespace ae::web
