// The broker interface the daemon and EOD trade through (shaped after LEAN's
// brokerage models): place, cancel, positions, account, quotes, and the day's
// orders. Every order carries a client order id derived from (date, ticker,
// intent); a broker refuses an id it has seen with DuplicateOrderError, so a
// retried or re-run submission can never trade twice. Market orders fill
// (possibly partially) or are rejected synchronously; a BUY may attach a
// broker-side trailing stop.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/order_status.h"

namespace ae::executor {

enum class Side { kBuy, kSell };

std::string_view to_string(Side side);

// "<date>:<TICKER>:<intent>", e.g. "2026-04-20:AAPL:ENTER".
std::string client_order_id(core::Date date, const std::string& ticker, const std::string& intent);

struct OrderRequest {
  std::string client_order_id;
  std::string ticker;
  Side side = Side::kBuy;
  int shares = 0;
  std::optional<double> trailing_stop_amount;  // BUY only: attach a trailing stop
};

struct OrderResult {
  std::string client_order_id;
  core::Date date;
  std::string ticker;
  Side side = Side::kBuy;
  int requested_shares = 0;
  int filled_shares = 0;
  double avg_price = 0;
  double commission = 0;
  // A market order ends kFilled, kPartiallyFilled or kRejected.
  core::OrderStatus status = core::OrderStatus::kRejected;
  std::string reason;  // why rejected or partial
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

class DuplicateOrderError final : public core::InvalidInput {
 public:
  using core::InvalidInput::InvalidInput;
};

class Broker {
 public:
  virtual ~Broker() = default;
  virtual OrderResult place(const OrderRequest& request) = 0;
  // Cancels the broker-side stop attached to `ticker`; false if none.
  virtual bool cancel_stop(const std::string& ticker) = 0;
  virtual std::vector<BrokerPosition> positions() = 0;
  virtual double cash() = 0;
  // NotFound when the ticker has no price now.
  virtual Quote quote(const std::string& ticker) = 0;
  virtual std::optional<OrderResult> find_order(const std::string& client_order_id) = 0;
  // Every order (filled, partial, rejected) of `date`, in placement order,
  // including broker-originated stop fills.
  virtual std::vector<OrderResult> orders(core::Date date) = 0;
  // Lets the broker act on "now" (the paper broker runs its trailing stops
  // here; a real broker does so by itself) and returns the fills it made.
  virtual std::vector<OrderResult> poll() = 0;
};

}  // namespace ae::executor
