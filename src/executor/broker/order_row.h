// The book as both brokers (paper, FIX) store it in SQLite: the account,
// positions and stops tables they share, and an order row - the first 15
// columns of a SELECT over their orders tables, in the order of
// kOrderRowColumns (client_order_id, date, ticker, side, requested_shares,
// filled_shares, avg_price, commission, status, reason, time, leaves_shares,
// order_type, limit_price, time_in_force).
#pragma once

#include "core/sqlite.h"
#include "executor/broker/broker.h"

namespace ae::executor {

// CREATE statements of the account (one row, cash), positions and stops tables.
inline constexpr const char* kBookTablesSql =
    R"(CREATE TABLE account(id INTEGER PRIMARY KEY CHECK(id = 1), cash REAL NOT NULL);
       CREATE TABLE positions(ticker TEXT PRIMARY KEY, shares INTEGER NOT NULL,
                              avg_cost REAL NOT NULL);
       CREATE TABLE stops(ticker TEXT PRIMARY KEY, trail REAL NOT NULL, high_water REAL NOT NULL);)";

// The columns read_order_row reads, as a SELECT / INSERT column list.
inline constexpr const char* kOrderRowColumns =
    "client_order_id, date, ticker, side, requested, filled, avg_price, commission, status, "
    "reason, time, leaves, order_type, limit_price, time_in_force";

OrderResult read_order_row(const core::Statement& s);

}  // namespace ae::executor
