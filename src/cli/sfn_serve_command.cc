// ae sfn serve [--port 8083] [--bind 127.0.0.1] [--credentials FILE]
//              [--workers N] [--clock real|virtual] [--lambda NAME=COMMAND]...
//              [--default-task-timeout SECONDS]
// The Step Functions API (AWS's JSON 1.0 protocol) over this home's engine
// and history (web/sfn_api_server.h). Task resources are those of `ae sfn
// run`. Loopback by default; any other bind address needs credentials
// (--credentials FILE in the AWS shared-credentials format, else
// AE_SFN_ACCESS_KEY_ID / AE_SFN_SECRET_ACCESS_KEY), and with credentials every
// request must be signed (SigV4). One server per home (state/states/serve.lock).
// Prints {"url", "port", "home", "resumed"} once it listens (text: one line)
// and serves until SIGINT/SIGTERM; it then exits at once, leaving the
// executions in progress RUNNING for the next server to resume.
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "cli/clock_option.h"
#include "cli/command.h"
#include "cli/sfn_run_options.h"
#include "core/atomic_file.h"
#include "core/error.h"
#include "core/file_lock.h"
#include "states/api/credentials.h"
#include "web/sfn_api_server.h"

namespace ae::cli {

void add_sfn_serve_command(CLI::App& sfn, Dispatcher& dispatcher) {
  auto* serve = sfn.add_subcommand("serve", "Serve the Step Functions API over this home");
  auto bind = std::make_shared<std::string>("127.0.0.1");
  auto port = std::make_shared<int>(8083);
  auto credentials_file = std::make_shared<std::string>();
  auto workers = std::make_shared<size_t>(16);
  auto options = std::make_shared<RunOptions>();
  serve->add_option("--bind", *bind, "Address to listen on (beyond loopback needs credentials)")
      ->capture_default_str();
  serve->add_option("--port", *port, "Port (0: any free port)")->capture_default_str();
  serve->add_option("--credentials", *credentials_file,
                    "AWS shared-credentials file of the access keys whose signatures are accepted "
                    "(default: AE_SFN_ACCESS_KEY_ID / AE_SFN_SECRET_ACCESS_KEY)");
  serve->add_option("--workers", *workers, "Executions that progress at once")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  add_run_options(serve, *options, false);
  dispatcher.bind(serve, [=](const Context& context) -> int {
    const auto lock = core::FileLock::try_acquire(context.home.sfn_serve_lock());
    if (!lock)
      throw core::InvalidInput("ae sfn serve: another server runs on the home " +
                               context.home.root().string());
    web::SfnApiServerOptions server_options;
    server_options.bind = *bind;
    server_options.port = *port;
    auto& service = server_options.service;
    service.executions_database = context.home.executions_database();
    service.state_machines_database = context.home.state_machines_database();
    service.clock_kind = clock_kind(options->clock);
    service.workers = *workers;
    service.interpreter = interpreter_options(*options);
    service.credentials =
        credentials_file->empty()
            ? states::api::environment_credentials()
            : states::api::parse_credentials(core::read_file(*credentials_file), *credentials_file);
    const auto registry = make_registry(*options, context);
    // SIGINT/SIGTERM are blocked before any thread starts (they inherit the
    // mask) and waited for on a thread of their own, which stops the server.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    core::RealClock clock;
    web::SfnApiServer server(server_options, registry, clock);
    const int bound = server.bind();
    const std::string host = bind->find(':') != std::string::npos ? "[" + *bind + "]" : *bind;
    const std::string url = "http://" + host + ":" + std::to_string(bound);
    context.output.print({{"url", url},
                          {"port", bound},
                          {"home", context.home.root().string()},
                          {"resumed", server.resumed()}},
                         [&](std::ostream& out) {
                           out << "step functions api on " << url << " (home "
                               << context.home.root().string() << ", clock " << service.clock_kind
                               << ", " << server.resumed() << " execution(s) resumed)" << std::endl;
                         });
    std::cout.flush();
    std::thread waiter([&server, signals] {
      int received = 0;
      sigwait(&signals, &received);
      server.stop();
    });
    server.run();
    // Executions in progress stay RUNNING (durable, as after a crash); the
    // next server on this home resumes them. Leave without waiting for them.
    std::cout.flush();
    std::fflush(nullptr);
    std::_Exit(kExitOk);
  });
}

}  // namespace ae::cli
