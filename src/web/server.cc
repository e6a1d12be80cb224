#include "web/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <functional>

#include "core/error.h"
#include "web/assets.h"
#include "web/backtest_view.h"
#include "web/connection_limits.h"
#include "web/coverage_view.h"
#include "web/executions_view.h"
#include "web/health_view.h"
#include "web/home_reader.h"
#include "web/listening.h"
#include "web/model_view.h"
#include "web/overview_view.h"
#include "web/page_cache.h"
#include "web/portfolio_view.h"
#include "web/query.h"
#include "web/security.h"
#include "web/signals_view.h"

namespace ae::web {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr std::chrono::milliseconds kPageMaxAge{2000};
constexpr std::size_t kCachedPages = 256;

void send_error(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  // Replace invalid UTF-8 (a decoded URL may carry any byte) rather than throw.
  res.set_content(Json{{"error", message}}.dump(-1, ' ', false, Json::error_handler_t::replace),
                  kJson);
}

void set_security_headers(httplib::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                 "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
}

QueryParams params_of(const httplib::Request& req) {
  return QueryParams(req.params.begin(), req.params.end());
}

using Producer = std::function<void(const httplib::Request&, httplib::Response&)>;

// Runs a handler, mapping the error types to statuses.
httplib::Server::Handler guarded(Producer producer) {
  return [producer = std::move(producer)](const httplib::Request& req, httplib::Response& res) {
    try {
      producer(req, res);
    } catch (const core::NotFound& error) {
      send_error(res, 404, error.what());
    } catch (const core::InvalidInput& error) {
      send_error(res, 400, error.what());
    } catch (const std::exception& error) {
      spdlog::error("dashboard: {} {}: {}", req.method, req.path, error.what());
      send_error(res, 500, error.what());
    }
  };
}

// An API answer, from the page cache while the home is unchanged.
httplib::Server::Handler json_route(
    const HomeReader& home, PageCache& pages,
    std::function<Json(const HomeReader&, const httplib::Request&)> make) {
  return guarded([&home, &pages, make = std::move(make)](const httplib::Request& req,
                                                         httplib::Response& res) {
    res.set_content(
        pages.get_or_make(
            req.target,
            [&] { return make(home, req).dump(-1, ' ', false, Json::error_handler_t::replace); }),
        kJson);
  });
}

}  // namespace

DashboardServer::DashboardServer(ServerOptions options)
    : options_(std::move(options)),
      home_(std::make_unique<HomeReader>(options_.home)),
      changes_(std::make_unique<HomeChanges>(options_.home)),
      pages_(std::make_unique<PageCache>(*changes_, kPageMaxAge, kCachedPages)),
      server_(std::make_unique<httplib::Server>()) {
  if (options_.token && options_.token->empty()) options_.token.reset();
  if (options_.token && (options_.token->size() < kMinTokenLength ||
                         std::any_of(options_.token->begin(), options_.token->end(),
                                     [](unsigned char c) { return std::isspace(c) != 0; })))
    throw core::InvalidInput("ae serve: a token needs at least " + std::to_string(kMinTokenLength) +
                             " characters and no spaces (make one with `openssl rand -hex 16`)");
  if (!is_loopback_address(options_.bind) && !options_.token)
    throw core::InvalidInput(
        "ae serve: binding to " + options_.bind +
        " (beyond loopback) needs a token: pass --token, set "
        "AE_DASHBOARD_TOKEN or write token: in $AE_HOME/config/dashboard.yaml");
  if (options_.port < 0 || options_.port > 65535)
    throw core::InvalidInput("ae serve: port " + std::to_string(options_.port) +
                             " is out of range");
  set_listen_options(*server_);
  apply_connection_limits(*server_);
  install_routes();
}

DashboardServer::~DashboardServer() = default;

int DashboardServer::bind() {
  return bind_listener(*server_, options_.bind, options_.port, "ae serve");
}

void DashboardServer::run() { server_->listen_after_bind(); }
void DashboardServer::stop() { server_->stop(); }
bool DashboardServer::running() const { return server_->is_running(); }

void DashboardServer::install_routes() {
  const HomeReader& h = *home_;
  PageCache& p = *pages_;
  const HomeReader* home = home_.get();
  const auto token = options_.token;
  server_->set_pre_routing_handler([token](const httplib::Request& req, httplib::Response& res) {
    set_security_headers(res);
    if (!is_allowed_method(req.method)) {
      res.set_header("Allow", "GET, HEAD");
      send_error(res, 405, "the dashboard is read-only: " + req.method + " is not allowed");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (is_traversal_attempt(req.target)) {
      send_error(res, 404, "not found");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (token) {
      std::optional<std::string> query_token;
      if (req.has_param("token")) query_token = req.get_param_value("token");
      const auto presented =
          presented_token(req.get_header_value("Authorization"), std::move(query_token));
      if (!presented || !constant_time_equals(*presented, *token)) {
        res.set_header("WWW-Authenticate", "Bearer realm=\"alpha-engine\"");
        send_error(res, 401, "a valid token is required (Authorization: Bearer or ?token=)");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server_->set_logger([](const httplib::Request& req, const httplib::Response& res) {
    spdlog::debug("dashboard: {} {} -> {}", req.method, req.path, res.status);
  });
  server_->set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) send_error(res, res.status, "not found");
  });

  server_->Get("/", [](const httplib::Request&, httplib::Response& res) {
    const auto page = find_asset("index.html");
    if (!page) return send_error(res, 500, "index.html is not embedded in this build");
    res.set_content(std::string(page->bytes), page->content_type);
  });
  server_->Get(R"(/assets/([A-Za-z0-9_.-]+))",
               [](const httplib::Request& req, httplib::Response& res) {
                 const auto asset = find_asset(req.matches[1].str());
                 if (!asset) return send_error(res, 404, "no asset " + req.matches[1].str());
                 res.set_content(std::string(asset->bytes), asset->content_type);
               });

  server_->Get("/api/overview", json_route(h, p, [](const HomeReader& at, const httplib::Request&) {
                 return overview(at);
               }));
  server_->Get("/api/executions",
               json_route(h, p, [](const HomeReader& at, const httplib::Request& req) {
                 const auto params = params_of(req);
                 auto pipeline = param(params, "pipeline");
                 if (pipeline && !pipeline->empty()) checked_name(*pipeline);
                 return list_executions(at, pipeline, range_param(params),
                                        int_param(params, "limit", 200, kMaxRows));
               }));
  server_->Get(R"(/api/executions/([^/]+)/graph\.svg)",
               guarded([home](const httplib::Request& req, httplib::Response& res) {
                 res.set_content(execution_graph(*home, checked_name(req.matches[1].str())),
                                 "image/svg+xml");
               }));
  server_->Get(R"(/api/executions/([^/]+))",
               json_route(h, p, [](const HomeReader& at, const httplib::Request& req) {
                 return execution_detail(at, checked_name(req.matches[1].str()));
               }));
  server_->Get("/api/coverage",
               json_route(h, p, [](const HomeReader& at, const httplib::Request& req) {
                 const auto params = params_of(req);
                 return coverage(at, range_param(params), int_param(params, "limit", 60, 1000));
               }));
  server_->Get("/api/signals",
               json_route(h, p, [](const HomeReader& at, const httplib::Request& req) {
                 return signals_day(at, date_param(params_of(req), "date"));
               }));
  server_->Get(R"(/api/tickers/([^/]+))",
               json_route(h, p, [](const HomeReader& at, const httplib::Request& req) {
                 return ticker_detail(at, checked_ticker(req.matches[1].str()),
                                      int_param(params_of(req), "days", 180, 2520));
               }));
  server_->Get(
      "/api/portfolio", json_route(h, p, [](const HomeReader& at, const httplib::Request& req) {
        const auto params = params_of(req);
        return portfolio(at, range_param(params), int_param(params, "limit", 500, kMaxRows));
      }));
  server_->Get("/api/model", json_route(h, p, [](const HomeReader& at, const httplib::Request&) {
                 return model(at);
               }));
  server_->Get("/api/backtests",
               json_route(h, p, [](const HomeReader& at, const httplib::Request&) {
                 return backtests(at);
               }));
  server_->Get(R"(/api/backtests/([^/]+)/([^/]+))",
               guarded([home](const httplib::Request& req, httplib::Response& res) {
                 const auto file = backtest_file(*home, req.matches[1].str(), req.matches[2].str());
                 res.set_content(file.bytes, file.content_type);
               }));
  server_->Get("/api/health",
               json_route(h, p, [](const HomeReader& at, const httplib::Request& req) {
                 return health(at, int_param(params_of(req), "limit", 100, 1000));
               }));
  server_->Get(R"(/api/.*)", [](const httplib::Request& req, httplib::Response& res) {
    send_error(res, 404, "no API endpoint " + req.path);
  });
}

}  // namespace ae::web
