#include "executor/broker/broker.h"

namespace ae::executor {

std::string_view to_string(Side side) { return side == Side::kBuy ? "BUY" : "SELL"; }

std::string client_order_id(core::Date date, const std::string& ticker, const std::string& intent) {
  return core::format_date(date) + ":" + ticker + ":" + intent;
}

}  // namespace ae::executor
