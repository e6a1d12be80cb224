// ae exchange: the local FIX 4.4 venue (src/exchange) for the FIX broker.
// Prints the port it listens on as the first line of stdout (JSON: {"port",
// "home"}) and runs until SIGINT/SIGTERM, then says what it did ("exchange
// stopped: N order(s) received, D duplicate(s) refused, F fill(s) sent"; on
// stderr with --output json). The fault flags drill the initiator's recovery.
#include <csignal>
#include <iostream>

#include "app/exchange_run.h"
#include "cli/command.h"

namespace ae::cli {

void add_exchange_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto* command = app.add_subcommand(
      "exchange",
      "Run a local FIX 4.4 exchange (acceptor) that fills orders on the bar store's intraday "
      "price model, for --broker fix");
  auto port = std::make_shared<int>(0);
  auto latency = std::make_shared<int>(0);
  auto partial = std::make_shared<int>(1);
  auto reject = std::make_shared<int>(0);
  auto disconnect = std::make_shared<int>(0);
  command->add_option("--port", *port,
                      "Port to listen on (default: session.port of config/fix.yaml)");
  command->add_option("--latency-ms", *latency, "Fault: wait this long before each fill")
      ->capture_default_str();
  command
      ->add_option("--partial-fills", *partial,
                   "Fault: split each fill into this many partial fills")
      ->capture_default_str();
  command->add_option("--reject-every", *reject, "Fault: reject every n-th order (0: none)")
      ->capture_default_str();
  command
      ->add_option("--disconnect-after", *disconnect,
                   "Fault: drop the session once, after acknowledging the n-th order and "
                   "before its fill (0: never)")
      ->capture_default_str();
  dispatcher.bind(command, [=](const Context& context) {
    app::ExchangeRun run;
    if (*port > 0) run.port = *port;
    run.faults = exchange::exchange_faults(*latency, *partial, *reject, *disconnect);
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    const auto summary = app::run_exchange(context.home, run, [&](int listening) {
      context.output.print({{"port", listening}, {"home", context.home.root().string()}},
                           [&](std::ostream& out) {
                             out << "exchange on port " << listening << " (home "
                                 << context.home.root().string() << ")" << std::endl;
                           });
      int received = 0;
      sigwait(&signals, &received);
    });
    (context.output.json() ? std::cerr : std::cout)
        << "exchange stopped: " << summary.orders_received << " order(s) received, "
        << summary.duplicates_refused << " duplicate(s) refused, " << summary.fills_sent
        << " fill(s) sent" << std::endl;
    return 0;
  });
}

}  // namespace ae::cli
