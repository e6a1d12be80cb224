// The paper broker: a Broker whose account (cash, positions, orders and
// broker-side trailing stops) persists in SQLite (WAL, synchronous=NORMAL:
// durable against a process crash; it is a simulation, not the books of record)
// ($AE_HOME/state/executor/paper_broker.db) and whose orders fill against the
// minute price source at the clock's "now", through the pluggable fill /
// slippage / commission models. A client order id it has seen before is a
// DuplicateOrderError, whatever the outcome of the first attempt. A SELL
// larger than the position is rejected (no shorts).
// Market orders settle in submit(): filled, partially filled (the volume cap;
// the rest is not worked) or rejected. A limit order fills in submit() when
// its priced fill is at or better than the limit; else an IOC order is
// canceled and a DAY or GTC order rests: poll() fills it at the first minute
// it is marketable, and expires a DAY order at the first poll of a later day.
// cancel() and replace() act at once on a working order (a replacement works
// the shares the original had not filled); on a done order they change
// nothing and log why.
// poll() runs the trailing stops: the stop follows the running high at
// the trail distance and sells the whole position when the price falls to it
// (client id "<date>:<TICKER>:BROKER_TRAIL_STOP").
// submit() returns its order's outcome and queues no report; the reports of
// what happened later (a stop's or a resting order's fill, an expiry, a cancel
// or replace) are kept in memory until poll() returns them.
// The account (cash, positions, stops) is read from the file at every call
// that reads or changes it - inside the transaction for a change - so a
// change another process made meanwhile (the morning planner booking a
// corporate action while a daemon waits or trades) is seen and never
// overwritten; every change is written in one transaction (an order and its
// account changes together; one poll's raised stop highs together). The
// working orders are kept in memory: one process places and works orders at
// a time (the daemon).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "core/clock.h"
#include "core/sqlite.h"
#include "executor/broker/broker.h"
#include "executor/broker/execution_models.h"
#include "executor/broker/trailing_stop.h"
#include "executor/intraday/minute_prices.h"
#include "executor/statement_cache.h"

namespace ae::executor {

class PaperBroker final : public Broker {
 public:
  PaperBroker(const std::filesystem::path& database, double initial_cash, core::Clock& clock,
              MinutePriceSource& prices, ExecutionModels models);

  std::string_view source() const override { return "paper"; }
  OrderResult submit(const OrderRequest& request) override;
  void cancel(const std::string& client_order_id) override;
  void replace(const std::string& client_order_id, const OrderRequest& replacement) override;
  std::optional<OrderResult> order_status(const std::string& client_order_id) override;
  // Orders settle synchronously: the status now.
  OrderResult wait_done(const std::string& client_order_id,
                        std::chrono::milliseconds timeout) override;
  bool cancel_stop(const std::string& ticker) override;
  std::vector<BrokerPosition> positions() override;
  double cash() override;
  Quote quote(const std::string& ticker) override;
  std::vector<OrderResult> orders(core::Date date) override;
  // Books the leg itself (the paper account is its own custodian).
  OrderResult book_corporate_action(const CorporateActionLeg& leg) override;
  // Evaluates the trailing stops, then the resting limit orders, at the
  // clock's minute.
  std::vector<ExecutionReport> poll() override;

 private:
  struct Account {
    double cash = 0;
    std::map<std::string, BrokerPosition> positions;
    std::map<std::string, TrailingStop> stops;
  };

  // Fills what of the working `order` is marketable now against `next` (a
  // copy of the account) and writes the account changes; the caller stores
  // the order, commits and then adopts `next`.
  void execute(OrderResult& order, std::optional<double> trail, Account& next);
  // Moves `shares` of `ticker` at `price` (and `fee`) into or out of `next`
  // and writes the changed cash and position (a position sold out loses its
  // stop).
  void settle_shares(Side side, const std::string& ticker, int shares, double price, double fee,
                     Account& next);
  // Inserts a new order (and its trailing stop amount) in one transaction
  // with its execution; returns it.
  OrderResult open_order(const OrderRequest& request, int shares);
  void store_order(const OrderResult& order, std::optional<double> trail);
  void update_order(const OrderResult& order);
  std::optional<double> trail_of(const std::string& client_order_id);
  // Reads the account (cash, positions, stops) from the file into account_.
  void load_account();
  void report(const OrderResult& order, ExecType type, int last_shares, double last_price,
              double commission, const std::string& orig_client_order_id = "");

  core::Database db_;
  StatementCache statements_{db_};
  Account account_;
  std::set<std::string> working_;  // client ids of the resting orders
  std::vector<ExecutionReport> reports_;
  int report_seq_ = 0;
  core::Clock& clock_;
  MinutePriceSource& prices_;
  ExecutionModels models_;
};

}  // namespace ae::executor
