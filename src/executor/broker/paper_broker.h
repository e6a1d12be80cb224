// The paper broker: a Broker whose account (cash, positions, orders and
// broker-side trailing stops) persists in SQLite (WAL, synchronous=NORMAL:
// durable against a process crash; it is a simulation, not the books of record)
// ($AE_HOME/state/executor/paper_broker.db) and whose market orders fill
// against the minute price source at the clock's "now", through the
// pluggable fill / slippage / commission models. A client order id it has
// seen before is a DuplicateOrderError, whatever the outcome of the first
// attempt. A SELL larger than the position is rejected (no shorts).
// poll() runs the trailing stops: the stop follows the running high at
// the trail distance and sells the whole position when the price falls to it
// (client id "<date>:<TICKER>:BROKER_TRAIL_STOP").
// The account (cash, positions, stops) is loaded once when the broker opens
// and kept in memory; every change is written through in one transaction
// (an order and its account changes together; one poll's raised stop highs
// together) and reaches memory only after the commit, so memory and file
// never disagree. One PaperBroker per database file at a time.
#pragma once

#include <filesystem>
#include <map>
#include <memory>

#include "core/clock.h"
#include "core/sqlite.h"
#include "executor/broker/broker.h"
#include "executor/broker/execution_models.h"
#include "executor/intraday/minute_prices.h"
#include "executor/statement_cache.h"

namespace ae::executor {

class PaperBroker final : public Broker {
 public:
  PaperBroker(const std::filesystem::path& database, double initial_cash, core::Clock& clock,
              MinutePriceSource& prices, ExecutionModels models);

  OrderResult place(const OrderRequest& request) override;
  bool cancel_stop(const std::string& ticker) override;
  std::vector<BrokerPosition> positions() override;
  double cash() override;
  Quote quote(const std::string& ticker) override;
  std::optional<OrderResult> find_order(const std::string& client_order_id) override;
  std::vector<OrderResult> orders(core::Date date) override;
  // Evaluates the broker-side trailing stops at the clock's minute.
  std::vector<OrderResult> poll() override;

 private:
  struct TrailingStop {
    double trail = 0;
    double high_water = 0;
  };
  struct Account {
    double cash = 0;
    std::map<std::string, BrokerPosition> positions;
    std::map<std::string, TrailingStop> stops;
  };

  // Fills or rejects `request` against `next` (a copy of the account) and
  // writes the changes; the caller commits and then adopts `next`.
  OrderResult execute(const OrderRequest& request, core::Date date, Account& next);
  void store_order(const OrderResult& result);

  core::Database db_;
  StatementCache statements_{db_};
  Account account_;
  core::Clock& clock_;
  MinutePriceSource& prices_;
  ExecutionModels models_;
};

}  // namespace ae::executor
