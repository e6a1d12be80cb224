// An order as both brokers store it: the first 15 columns of a SELECT over
// their orders tables, in this order - client_order_id, date, ticker, side,
// requested_shares, filled_shares, avg_price, commission, status, reason,
// time, leaves_shares, order_type, limit_price, time_in_force.
#pragma once

#include "core/sqlite.h"
#include "executor/broker/broker.h"

namespace ae::executor {

OrderResult read_order_row(const core::Statement& s);

}  // namespace ae::executor
