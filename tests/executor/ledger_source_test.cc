// The ledger records where each fill came from (TradeRecord::source: the
// broker's source(), or "corporate_action"), keeps it across reopening, shows
// it in trades_full.csv's `source` column, and migrates a ledger written
// before the column existed with every trade as the paper broker's.
#include <gtest/gtest.h>

#include "core/sqlite.h"
#include "executor/ledger/eod.h"
#include "executor/ledger/ledger.h"
#include "support/test_support.h"

namespace ae::executor {
namespace {

TradeRecord fill(const std::string& id, const std::string& source) {
  TradeRecord trade;
  trade.trade_id = id;
  trade.date = core::parse_date("2026-04-20");
  trade.ticker = "AAA";
  trade.action = "ENTER";
  trade.shares = 10;
  trade.fill_price = 100;
  trade.created_at = core::parse_timestamp("2026-04-20T14:00:00Z");
  trade.source = source;
  return trade;
}

// The value of trades_full.csv's `source` column on the row of `trade_id`.
std::string csv_source(Ledger& ledger, const std::string& trade_id) {
  const auto csv = trades_csv(ledger);
  const auto header_end = csv.find('\n');
  const auto header = csv.substr(0, header_end);
  int column = 0;
  for (std::size_t at = 0; at < header.find("source"); ++at) column += header[at] == ',';
  const auto row_start = csv.find("\n" + trade_id + ",") + 1;
  std::string row = csv.substr(row_start, csv.find('\n', row_start) - row_start);
  for (int skip = 0; skip < column; ++skip) row = row.substr(row.find(',') + 1);
  return row.substr(0, row.find(','));
}

TEST(LedgerSource, EachTradeKeepsTheSourceOfItsFill) {
  test::TempDir dir;
  const auto path = dir.path() / "ledger.db";
  {
    Ledger ledger(path);
    ledger.record_trade(fill("p1", "paper"));
    ledger.record_trade(fill("f1", "fix"));
    ledger.record_trade(fill("c1", "corporate_action"));
  }
  Ledger reopened(path);
  std::map<std::string, std::string> sources;
  for (const auto& trade : reopened.trades()) sources[trade.trade_id] = trade.source;
  EXPECT_EQ(sources, (std::map<std::string, std::string>{
                         {"c1", "corporate_action"}, {"f1", "fix"}, {"p1", "paper"}}));
  EXPECT_EQ(csv_source(reopened, "f1"), "fix");
  EXPECT_EQ(csv_source(reopened, "p1"), "paper");
  EXPECT_EQ(csv_source(reopened, "c1"), "corporate_action");
}

TEST(LedgerSource, ALedgerFromBeforeTheColumnReadsItsTradesAsThePaperBrokers) {
  test::TempDir dir;
  const auto path = dir.path() / "ledger.db";
  {
    Ledger ledger(path);
    ledger.record_trade(fill("old", "paper"));
  }
  {  // back to the schema before the column: user_version 2, no source
    core::Database db(path);
    db.execute("ALTER TABLE trades DROP COLUMN source; PRAGMA user_version = 2;");
  }
  Ledger migrated(path);
  ASSERT_EQ(migrated.trades().size(), 1u);
  EXPECT_EQ(migrated.trades()[0].source, "paper");
  migrated.record_trade(fill("new", "fix"));
  std::map<std::string, std::string> sources;
  for (const auto& trade : migrated.trades()) sources[trade.trade_id] = trade.source;
  EXPECT_EQ(sources, (std::map<std::string, std::string>{{"new", "fix"}, {"old", "paper"}}));
}

}  // namespace
}  // namespace ae::executor
