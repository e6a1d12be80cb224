// `ae exchange`: the local FIX 4.4 venue over this home's bar store, pricing
// with the executor's execution models (the risk parameters' broker.* keys),
// listening on the FIX session's port (config/fix.yaml, or `port`); its
// session store and logs live in the home's exchange folder.
#pragma once

#include <functional>
#include <optional>

#include "core/home.h"
#include "exchange/exchange.h"

namespace ae::app {

struct ExchangeRun {
  std::optional<int> port;
  exchange::ExchangeFaults faults;
};

// What the exchange did while it ran.
struct ExchangeSummary {
  int orders_received = 0;
  int duplicates_refused = 0;
  int fills_sent = 0;
};

// Starts the exchange, calls `serve(port)` (which returns when it should
// stop), then stops it.
ExchangeSummary run_exchange(const core::Home& home, const ExchangeRun& run,
                             const std::function<void(int port)>& serve);

}  // namespace ae::app
