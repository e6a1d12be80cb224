#include "executor/broker/broker.h"

#include <fmt/format.h>

#include "core/market_time.h"

namespace ae::executor {

std::string_view to_string(Side side) { return side == Side::kBuy ? "BUY" : "SELL"; }

std::string_view to_string(OrderType type) {
  return type == OrderType::kMarket ? "MARKET" : "LIMIT";
}

std::string_view to_string(TimeInForce time_in_force) {
  switch (time_in_force) {
    case TimeInForce::kDay:
      return "DAY";
    case TimeInForce::kIoc:
      return "IOC";
    case TimeInForce::kGtc:
      return "GTC";
  }
  return "DAY";
}

std::string_view to_string(ExecType type) {
  switch (type) {
    case ExecType::kNew:
      return "new";
    case ExecType::kPartialFill:
      return "partial fill";
    case ExecType::kFill:
      return "fill";
    case ExecType::kRejected:
      return "rejected";
    case ExecType::kCanceled:
      return "canceled";
    case ExecType::kReplaced:
      return "replaced";
    case ExecType::kExpired:
      return "expired";
  }
  return "new";
}

OrderType parse_order_type(std::string_view text) {
  if (text == "MARKET") return OrderType::kMarket;
  if (text == "LIMIT") return OrderType::kLimit;
  throw core::InvalidInput(fmt::format("order type '{}' is not MARKET or LIMIT", text));
}

TimeInForce parse_time_in_force(std::string_view text) {
  for (auto tif : {TimeInForce::kDay, TimeInForce::kIoc, TimeInForce::kGtc})
    if (text == to_string(tif)) return tif;
  throw core::InvalidInput(fmt::format("time in force '{}' is not DAY, IOC or GTC", text));
}

std::string client_order_id(core::Date date, const std::string& ticker, const std::string& intent) {
  return core::format_date(date) + ":" + ticker + ":" + intent;
}

OrderResult opened_order(const OrderRequest& request, int shares, core::Timestamp now) {
  OrderResult r;
  r.client_order_id = request.client_order_id;
  r.time = now;
  r.date = core::new_york_date(now);
  r.ticker = request.ticker;
  r.side = request.side;
  r.requested_shares = shares;
  r.leaves_shares = shares;
  r.type = request.type;
  r.limit_price = request.type == OrderType::kLimit ? request.limit_price : 0;
  r.time_in_force = request.time_in_force;
  r.status = core::OrderStatus::kNew;
  return r;
}

OrderResult Broker::book_corporate_action(const CorporateActionLeg& leg) {
  throw core::IoError(fmt::format(
      "this broker cannot book the corporate action {} ({} {} {} at {:.4f}): its venue's "
      "custodian books corporate actions",
      leg.client_order_id, to_string(leg.side), leg.shares, leg.ticker, leg.price));
}

bool is_working(const OrderResult& order) {
  return order.leaves_shares > 0 && (order.status == core::OrderStatus::kNew ||
                                     order.status == core::OrderStatus::kPartiallyFilled);
}

OrderResult settle(Broker& broker, const OrderResult& order, std::chrono::milliseconds timeout) {
  if (!is_working(order)) return order;
  auto result = broker.wait_done(order.client_order_id, timeout);
  if (!is_working(result)) return result;
  broker.cancel(order.client_order_id);
  return broker.wait_done(order.client_order_id, timeout);
}

OrderResult place_and_wait(Broker& broker, const OrderRequest& request,
                           std::chrono::milliseconds timeout) {
  return settle(broker, broker.submit(request), timeout);
}

}  // namespace ae::executor
