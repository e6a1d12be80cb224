// The broker interface the daemon, the planner and EOD trade through, shaped
// after what a real venue offers (FIX 4.4's order model): new / cancel /
// replace of market and limit orders with a time in force (DAY, IOC, GTC),
// asynchronous execution reports (new, partial fill, fill, rejected,
// canceled, expired, replaced), the status of an order by its client order id,
// positions and cash.
//
// Every order carries a client order id derived from (date, ticker, intent):
// its idempotency key. A broker refuses an id it has seen with
// DuplicateOrderError, so a retried or re-run submission can never trade
// twice. submit() returns the order's status as the broker knows it on return:
// the paper broker settles a marketable order at once, a venue answers later
// through execution reports; wait_done() blocks (in real time, bounded) until
// the order is done. A BUY may attach a broker-side trailing stop.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/order_status.h"

namespace ae::executor {

enum class Side { kBuy, kSell };
enum class OrderType { kMarket, kLimit };
// kDay: until the session's close; kIoc: what fills at once, the rest is
// canceled; kGtc: until canceled.
enum class TimeInForce { kDay, kIoc, kGtc };
enum class ExecType { kNew, kPartialFill, kFill, kRejected, kCanceled, kReplaced, kExpired };

std::string_view to_string(Side side);
std::string_view to_string(OrderType type);
std::string_view to_string(TimeInForce time_in_force);
std::string_view to_string(ExecType type);
// The value named by to_string; InvalidInput naming `what` for any other text.
OrderType parse_order_type(std::string_view text);
TimeInForce parse_time_in_force(std::string_view text);

// "<date>:<TICKER>:<intent>", e.g. "2026-04-20:AAPL:ENTER".
std::string client_order_id(core::Date date, const std::string& ticker, const std::string& intent);

struct OrderRequest {
  std::string client_order_id;
  std::string ticker;
  Side side = Side::kBuy;
  int shares = 0;
  std::optional<double> trailing_stop_amount;  // BUY only: attach a trailing stop
  OrderType type = OrderType::kMarket;
  double limit_price = 0;  // kLimit only
  TimeInForce time_in_force = TimeInForce::kDay;
};

// An order as the broker knows it (its status by client order id).
struct OrderResult {
  std::string client_order_id;
  core::Date date;
  std::string ticker;
  Side side = Side::kBuy;
  int requested_shares = 0;
  int filled_shares = 0;
  double avg_price = 0;
  double commission = 0;
  core::OrderStatus status = core::OrderStatus::kRejected;
  std::string reason;  // why rejected, partial, canceled or expired
  core::Timestamp time;
  int leaves_shares = 0;  // still working at the broker; 0 once done
  OrderType type = OrderType::kMarket;
  double limit_price = 0;
  TimeInForce time_in_force = TimeInForce::kDay;
};

// True while the order may still fill (working at the broker).
bool is_working(const OrderResult& order);

// The order a broker opens for `shares` of `request` at `now`: status New,
// nothing filled, all of it leaves; the limit price only for a limit order.
OrderResult opened_order(const OrderRequest& request, int shares, core::Timestamp now);

// One event of an order's life, as the broker reports it.
struct ExecutionReport {
  std::string exec_id;  // unique per report at its broker
  std::string client_order_id;
  std::string orig_client_order_id;  // the order a replace or cancel refers to
  ExecType type = ExecType::kNew;
  core::OrderStatus status = core::OrderStatus::kNew;
  std::string ticker;
  Side side = Side::kBuy;
  int last_shares = 0;  // this fill
  double last_price = 0;
  int cum_shares = 0;  // the order's total so far
  double avg_price = 0;
  int leaves_shares = 0;
  double commission = 0;  // of this fill
  std::string text;
  core::Timestamp time;
};

struct BrokerPosition {
  std::string ticker;
  int shares = 0;
  double avg_cost = 0;
};

struct Quote {
  std::string ticker;
  double last = 0;
  double day_high = 0;
  double day_low = 0;
  double day_open = 0;
  double bar_volume = 0;  // the daily bar's volume (the fill model's cap base)
};

// One leg of a corporate action booked on an account (a delisting's
// cash-out, a merger's sale and the acquirer's shares):
// corporate_actions.h decides the legs.
struct CorporateActionLeg {
  std::string client_order_id;
  core::Date date;  // the action's effective date: the order's date
  std::string ticker;
  Side side = Side::kSell;  // kSell: the shares leave; kBuy: they arrive
  int shares = 0;
  double price = 0;  // per share, paid (kSell) or charged (kBuy)
  std::string reason;
};

class DuplicateOrderError final : public core::InvalidInput {
 public:
  using core::InvalidInput::InvalidInput;
};

class Broker {
 public:
  virtual ~Broker() = default;
  // Where fills come from, as the ledger's trades record it: "paper" or "fix".
  virtual std::string_view source() const = 0;
  // Sends a new order; DuplicateOrderError for a known client order id.
  virtual OrderResult submit(const OrderRequest& request) = 0;
  // Asks to cancel a working order; the outcome arrives as a report (kCanceled,
  // or the order's fill if it was too late). NotFound for an unknown id.
  virtual void cancel(const std::string& client_order_id) = 0;
  // Replaces a working order by `replacement` (a new client order id; the
  // same ticker and side; new shares, limit price or time in force).
  virtual void replace(const std::string& client_order_id, const OrderRequest& replacement) = 0;
  virtual std::optional<OrderResult> order_status(const std::string& client_order_id) = 0;
  // Blocks until the order is done or `timeout` (real time) passed; returns
  // its status then. NotFound for an unknown id.
  virtual OrderResult wait_done(const std::string& client_order_id,
                                std::chrono::milliseconds timeout) = 0;
  // Cancels the broker-side stop attached to `ticker`; false if none.
  virtual bool cancel_stop(const std::string& ticker) = 0;
  virtual std::vector<BrokerPosition> positions() = 0;
  virtual double cash() = 0;
  // NotFound when the ticker has no price now.
  virtual Quote quote(const std::string& ticker) = 0;
  // Every order of `date` (filled, partial, rejected, working, canceled,
  // expired), in placement order, including broker-originated stop orders.
  virtual std::vector<OrderResult> orders(core::Date date) = 0;
  // Books a corporate action's leg: the shares leave or arrive at the price,
  // with no market and no commission, as an order filled at once under the
  // leg's client order id (so orders() and order_status() show it), a sold
  // position's stop going with it. DuplicateOrderError for a known id;
  // InvalidInput for a sale of more shares than held. At a venue the
  // custodian books corporate actions: this default refuses (IoError naming
  // the leg); the paper broker books them itself.
  virtual OrderResult book_corporate_action(const CorporateActionLeg& leg);
  // Lets the broker act on "now" (the paper broker runs its trailing stops,
  // resting limit orders and expiries here; a venue does so by itself) and
  // returns the execution reports since the previous call, in order. A broker
  // that settles an order inside submit() (the paper broker) leaves out the
  // reports of that outcome: submit() returned it.
  virtual std::vector<ExecutionReport> poll() = 0;
};

// Waits until `order` is done; an order still working after `timeout` is
// canceled and waited for once more, so the result is final unless the
// broker stopped answering.
OrderResult settle(Broker& broker, const OrderResult& order, std::chrono::milliseconds timeout);

// Submits `request` and settles it.
OrderResult place_and_wait(Broker& broker, const OrderRequest& request,
                           std::chrono::milliseconds timeout);

}  // namespace ae::executor
