#include "executor/ledger/shadow_book_csv.h"

namespace ae::executor {

std::string shadow_book_csv(Ledger& ledger, std::string_view date) {
  constexpr int kColumns = 7;
  std::string csv =
      "date,ticker,block_reason,research_score,sector,intended_shares,intended_dollars\n";
  auto select = ledger.database().prepare(
      std::string("SELECT date, ticker, block_reason, research_score, sector, intended_shares, "
                  "intended_dollars FROM executor_shadow_book") +
      (date.empty() ? "" : " WHERE date = ?") + " ORDER BY date, ticker");
  if (!date.empty()) select.bind(1, date);
  while (select.step()) {
    for (int i = 0; i < kColumns; ++i) {
      if (i) csv += ",";
      if (!select.is_null(i)) csv += select.column_text(i);
    }
    csv += "\n";
  }
  return csv;
}

}  // namespace ae::executor
