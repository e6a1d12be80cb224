#include "executor/broker/order_row.h"

namespace ae::executor {

OrderResult read_order_row(const core::Statement& s) {
  OrderResult r;
  r.client_order_id = s.column_text(0);
  r.date = core::parse_date(s.column_text(1));
  r.ticker = s.column_text(2);
  r.side = s.column_text(3) == "BUY" ? Side::kBuy : Side::kSell;
  r.requested_shares = static_cast<int>(s.column_int(4));
  r.filled_shares = static_cast<int>(s.column_int(5));
  r.avg_price = s.column_double(6);
  r.commission = s.column_double(7);
  r.status = core::parse_order_status(s.column_text(8)).value_or(core::OrderStatus::kRejected);
  r.reason = s.column_text(9);
  r.time = core::parse_timestamp(s.column_text(10));
  r.leaves_shares = static_cast<int>(s.column_int(11));
  r.type = parse_order_type(s.column_text(12));
  r.limit_price = s.column_double(13);
  r.time_in_force = parse_time_in_force(s.column_text(14));
  return r;
}

}  // namespace ae::executor
