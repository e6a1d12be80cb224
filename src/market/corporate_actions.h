// The corporate actions that end a ticker's listing, kept beside the bars in
// corporate_actions.csv ($AE_HOME/market/corporate_actions.csv; optional,
// maintained by the operator; docs/market-data.md). One row per action:
//   date,ticker,action,cash,acquirer,ratio
//   2023-08-21,ACQ,delisting,,,
//   2024-03-01,XYZ,cash_merger,54.20,,
//   2024-05-01,ABC,stock_merger,,DEF,0.5
//   2024-05-01,GHI,stock_merger,10.00,DEF,0.25
// - date: the effective date, the first NYSE session on which the ticker no
//   longer trades (its last bar is the session before);
// - action: delisting | cash_merger | stock_merger;
// - cash: per share in dollars. delisting: optional (empty: the last close);
//   cash_merger: required, > 0; stock_merger: optional (a cash-and-stock
//   deal), >= 0;
// - acquirer and ratio (acquirer shares per share, > 0): stock_merger only,
//   both required; the acquirer is another ticker.
// A ticker has at most one action. A bad row is InvalidInput naming file,
// line and field (csv_reader.h's reader and wording: "FILE:LINE: field F:
// ..."). What the executor does with each: executor/corporate_actions.h.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "market/calendar.h"

namespace ae::market {

enum class CorporateActionKind { kDelisting, kCashMerger, kStockMerger };

std::string_view to_string(CorporateActionKind kind);  // "delisting", ...

struct CorporateAction {
  core::Date date;
  std::string ticker;
  CorporateActionKind kind = CorporateActionKind::kDelisting;
  std::optional<double> cash;  // per share
  std::string acquirer;        // stock_merger
  double ratio = 0;            // stock_merger: acquirer shares per share
  std::string origin;          // "FILE:LINE", for messages
};

// The actions of `path`, by date then ticker; none when the file does not
// exist.
std::vector<CorporateAction> read_corporate_actions(const std::string& path,
                                                    const TradingCalendar& calendar);

}  // namespace ae::market
