// ae serve: the dashboard (src/web). Loopback by default; any other bind
// address needs a token (--token, else $AE_DASHBOARD_TOKEN, else the
// `token` line of $AE_HOME/config/dashboard.yaml). Prints the URL it listens
// on as the first line of stdout (JSON: {"url", "home"}) and serves until
// SIGINT/SIGTERM.
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "cli/command.h"
#include "core/error.h"
#include "web/server.h"

namespace ae::cli {
namespace {

std::optional<std::string> configured_token(const Context& context) {
  if (const char* env = std::getenv("AE_DASHBOARD_TOKEN"); env != nullptr && *env != '\0')
    return std::string(env);
  const auto file = context.home.parameter_file("dashboard");
  if (!std::filesystem::exists(file)) return std::nullopt;
  try {
    const YAML::Node node = YAML::LoadFile(file.string());
    if (node["token"]) return node["token"].as<std::string>();
  } catch (const YAML::Exception& error) {
    throw core::InvalidInput(file.string() + ": " + error.what());
  }
  return std::nullopt;
}

}  // namespace

void add_serve_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto* serve =
      app.add_subcommand("serve", "Serve the dashboard (read-only web console) over this home");
  auto bind = std::make_shared<std::string>("127.0.0.1");
  auto port = std::make_shared<int>(8080);
  auto token = std::make_shared<std::string>();
  serve->add_option("--bind", *bind, "Address to listen on (beyond loopback needs a token)")
      ->capture_default_str();
  serve->add_option("--port", *port, "Port (0: any free port)")->capture_default_str();
  serve->add_option("--token", *token,
                    "Token every request must carry (default: $AE_DASHBOARD_TOKEN, then "
                    "config/dashboard.yaml)");
  dispatcher.bind(serve, [bind, port, token](const Context& context) {
    web::ServerOptions options;
    options.home = context.home.root();
    options.bind = *bind;
    options.port = *port;
    options.token = token->empty() ? configured_token(context) : std::optional(*token);
    // SIGINT/SIGTERM are blocked before anything listens (the server's
    // threads inherit the mask) and waited for on a thread of their own,
    // which stops the server.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    web::DashboardServer server(options);
    const int bound = server.bind();
    const std::string host =
        options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind;
    const std::string url = "http://" + host + ":" + std::to_string(bound) + "/";
    context.output.print({{"url", url}, {"home", context.home.root().string()}},
                         [&](std::ostream& out) {
                           out << "dashboard on " << url << " (home "
                               << context.home.root().string() << ")" << std::endl;
                         });

    std::atomic<bool> signalled = false;
    std::thread waiter([&server, &signalled, signals] {
      int received = 0;
      sigwait(&signals, &received);
      signalled = true;
      server.stop();
    });
    server.run();
    // run() returned without a signal (a listen failure): release the waiter.
    if (!signalled) kill(getpid(), SIGTERM);
    waiter.join();
    return 0;
  });
}

}  // namespace ae::cli
