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

// Starts the exchange, calls `serve(port)` (which returns when it should
// stop), then stops it.
void run_exchange(const core::Home& home, const ExchangeRun& run,
                  const std::function<void(int port)>& serve);

}  // namespace ae::app
