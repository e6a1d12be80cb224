// `ae serve`: the dashboard's HTTP server (cpp-httplib). It serves the
// embedded pages and a read-only JSON API over one home:
//   GET /                              the single-page console (hash routes)
//   GET /assets/<name>                 embedded CSS/JS
//   GET /api/overview                  what happened today
//   GET /api/executions[?pipeline=&from=&to=&limit=]
//   GET /api/executions/<name>         states, timing, input/output, failure
//   GET /api/executions/<name>/graph.svg
//   GET /api/coverage[?from=&to=&limit=]
//   GET /api/signals[?date=]           GET /api/tickers/<ticker>[?days=]
//   GET /api/portfolio[?from=&to=&limit=]
//   GET /api/model                     GET /api/backtests[/<date>/<file>]
//   GET /api/health[?limit=]
// Every request first passes the access rules of security.h: methods other
// than GET/HEAD -> 405, traversal -> 404, and with a token a missing or wrong
// one -> 401. API errors are JSON {"error": "..."}: 400 for a bad parameter,
// 404 for an unknown name, 500 otherwise (logged). Slow and stalled clients
// meet the limits of connection_limits.h (read timeout, keep-alive rules, a
// thread per connection up to a cap). The constructor refuses a
// non-loopback bind without a token, and a token shorter than kMinTokenLength
// or with white space (core::InvalidInput). API answers come from a page cache
// (page_cache.h) while nothing under the home changed and for at most 2 s.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace httplib {
class Server;
}

namespace ae::web {

class HomeReader;
class HomeChanges;
class PageCache;

inline constexpr std::size_t kMinTokenLength = 16;

struct ServerOptions {
  std::filesystem::path home;
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port
  std::optional<std::string> token;
};

class DashboardServer {
 public:
  explicit DashboardServer(ServerOptions options);
  ~DashboardServer();
  DashboardServer(const DashboardServer&) = delete;
  DashboardServer& operator=(const DashboardServer&) = delete;

  // Binds the socket; returns the port (the chosen one when options.port is
  // 0). Throws core::IoError when the address cannot be bound.
  int bind();
  // Serves until stop() (from another thread or a signal handler's thread).
  void run();
  void stop();
  bool running() const;

 private:
  void install_routes();

  ServerOptions options_;
  // Declared before server_: they outlive the handlers.
  std::unique_ptr<const HomeReader> home_;
  std::unique_ptr<HomeChanges> changes_;
  std::unique_ptr<PageCache> pages_;
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace ae::web
