// The ledger's shadow book (the entries the planner blocked, and why) as
// CSV: the header date,ticker,block_reason,research_score,sector,
// intended_shares,intended_dollars, then one line per entry by date, then
// ticker; each value is SQLite's text of it, unquoted, and NULL is empty.
// An empty `date` lists every date.
#pragma once

#include <string>
#include <string_view>

#include "executor/ledger/ledger.h"

namespace ae::executor {

std::string shadow_book_csv(Ledger& ledger, std::string_view date);

}  // namespace ae::executor
