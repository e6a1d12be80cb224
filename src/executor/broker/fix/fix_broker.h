// The FIX broker: a Broker that trades over a FIX 4.4 session (QuickFIX
// initiator) with a venue's gateway or `ae exchange`.
//
// - ClOrdID (11) is the order's client order id, its idempotency key. An
//   order is written to the broker's own book (SQLite, in the session folder,
//   synchronous=FULL) before it is sent, and an id the book knows is a
//   DuplicateOrderError, so a restart never sends an order twice.
// - QuickFIX keeps the session's messages and sequence numbers in a file
//   store and its logs in the same folder ($AE_HOME/state/executor/fix/), so
//   after a crash the session layer's resend / gap fill delivers what either
//   side missed. start() logs on, then asks the venue for the status of every
//   order the book still has working (OrderStatusRequest, 35=H) and waits for
//   every answer before anything new may be sent; an order the venue does not
//   know was never received and is marked rejected.
// - Execution reports are applied by cumulative quantity: a report moves the
//   order's filled shares only forward (its ExecID is kept; a repeated or
//   stale report changes nothing), so a resent or duplicated report lands in
//   the book, and through the order's status in the ledger, exactly once.
//   Cash and positions are the book's: the opening cash plus the fills.
// - Logon, logout, session rejects (35=3), business rejects (35=j) and cancel
//   rejects (35=9) are logged as one line each; a failed logon is an IoError
//   naming the session. A failed logon, a session that ends unasked, and
//   session and business rejects are also metrics (session_metrics.h) in
//   `metrics` when one is given; it is called from QuickFIX's thread too.
// - Quotes come from the minute price source (the bar store's model); trailing
//   stops are held here and sent as market orders when they trigger: poll()
//   waits (up to the order timeout) until each is done, so it returns the
//   stop's fill as the paper broker's poll() does.
// - A fill's price reaches the book exactly as the venue sent it (the codec
//   writes prices in their shortest exact decimal form).
// All calls are thread-safe; reports arrive on QuickFIX's thread.
#pragma once

#include <filesystem>
#include <memory>

#include "core/clock.h"
#include "core/metric_sink.h"
#include "executor/broker/broker.h"
#include "executor/broker/fix/fix_settings.h"
#include "executor/intraday/minute_prices.h"

namespace ae::executor {

class FixBroker final : public Broker {
 public:
  // Opens the book under `folder` (creating it with `initial_cash`); start()
  // connects. `metrics`, when given, receives the session's problems.
  FixBroker(const FixSessionConfig& config, const std::filesystem::path& folder,
            double initial_cash, core::Clock& clock, MinutePriceSource& prices,
            core::MetricSink* metrics = nullptr);
  ~FixBroker() override;

  // Logs on and reconciles the open orders; IoError when the logon or the
  // reconciliation does not complete in its timeout.
  void start();
  // Logs out and disconnects.
  void stop();
  bool logged_on() const;

  std::string_view source() const override { return "fix"; }
  OrderResult submit(const OrderRequest& request) override;
  void cancel(const std::string& client_order_id) override;
  void replace(const std::string& client_order_id, const OrderRequest& replacement) override;
  std::optional<OrderResult> order_status(const std::string& client_order_id) override;
  OrderResult wait_done(const std::string& client_order_id,
                        std::chrono::milliseconds timeout) override;
  bool cancel_stop(const std::string& ticker) override;
  std::vector<BrokerPosition> positions() override;
  double cash() override;
  Quote quote(const std::string& ticker) override;
  std::vector<OrderResult> orders(core::Date date) override;
  std::vector<ExecutionReport> poll() override;

  // How many execution reports were applied (distinct ExecIDs), for tests.
  int executions();

 private:
  class Session;
  std::unique_ptr<Session> session_;
};

}  // namespace ae::executor
