// The broker of the executor's day, as the broker setting chooses it
// (executor/broker/broker_setting.h: `--broker`, AE_BROKER,
// config/executor.yaml), opened over the home:
//   paper - the paper broker on state/executor/paper_broker.db;
//   fix   - the FIX broker on state/executor/fix/ with config/fix.yaml's
//           session, logged on and its open orders reconciled before it is
//           returned (IoError when the venue does not answer). Its session's
//           problems (session_metrics.h) go to the home's ops metric store
//           through a connection of their own, since QuickFIX's thread writes
//           them while the day writes its heartbeats.
// Both start a new account with the risk parameters' broker.initial_cash.
// The use cases see only executor::Broker.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/home.h"
#include "core/sqlite.h"
#include "executor/broker/broker.h"
#include "executor/broker/broker_setting.h"
#include "executor/intraday/minute_prices.h"
#include "executor/risk_config.h"
#include "ops/metric_store.h"

namespace ae::app {

class ExecutorBroker {
 public:
  // `requested`: the command's --broker / AE_BROKER, "" for the home's setting.
  ExecutorBroker(const core::Home& home, const std::string& requested,
                 const executor::RiskConfig& config, core::Clock& clock,
                 executor::MinutePriceSource& prices);

  executor::Broker& broker() { return *broker_; }
  // How long an order may take to be done at a venue (config/fix.yaml
  // orders.timeout_seconds); none for the paper broker, which answers at once.
  std::optional<std::chrono::milliseconds> order_timeout() const { return order_timeout_; }

 private:
  std::unique_ptr<core::Database> metrics_database_;
  std::unique_ptr<ops::MetricStore> metrics_;
  std::unique_ptr<executor::Broker> broker_;
  std::optional<std::chrono::milliseconds> order_timeout_;
};

}  // namespace ae::app
