// Where the executor keeps its local state under $AE_HOME (the artifact store
// is $AE_HOME/store, the bar store $AE_HOME/market):
//   state/executor/ledger.db         the ledger (ledger.h)
//   state/executor/paper_broker.db   the paper account (paper_broker.h)
//   state/executor/order_book.json   the day's order book (+ .lock)
//   state/executor/executor_params_cache.json  last good tuned parameters
//   config/risk.yaml                 the operator's risk overrides (optional)
#pragma once

#include <filesystem>

namespace ae::executor {

struct ExecutorPaths {
  std::filesystem::path home;

  std::filesystem::path store_root() const { return home / "store"; }
  std::filesystem::path market_root() const { return home / "market"; }
  std::filesystem::path state_dir() const { return home / "state" / "executor"; }
  std::filesystem::path ledger() const { return state_dir() / "ledger.db"; }
  std::filesystem::path paper_broker() const { return state_dir() / "paper_broker.db"; }
  std::filesystem::path user_risk_file() const { return home / "config" / "risk.yaml"; }
};

}  // namespace ae::executor
