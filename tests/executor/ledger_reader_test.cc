// executor::LedgerReader reads the ledger read-only (an absent file is
// nullopt and is not created; the rows within a date window, newest first, at
// most `limit`), and shadow_book_csv prints the shadow book as `ae ledger
// shadow` shows it.
#include "executor/ledger/ledger_reader.h"

#include <gtest/gtest.h>

#include "executor/ledger/ledger.h"
#include "executor/ledger/shadow_book_csv.h"
#include "support/test_support.h"

namespace ae::executor {
namespace {

core::Date day(const char* text) { return core::parse_date(text); }

TradeRecord entry(const std::string& id, const char* date, const std::string& ticker) {
  TradeRecord trade;
  trade.trade_id = id;
  trade.date = day(date);
  trade.ticker = ticker;
  trade.action = "ENTER";
  trade.shares = 10;
  trade.fill_price = 100;
  trade.created_at = core::parse_timestamp(std::string(date) + "T14:00:00Z");
  return trade;
}

EodRow eod(const char* date, double nav) {
  EodRow row;
  row.date = day(date);
  row.portfolio_nav = nav;
  row.positions_snapshot = "{}";
  row.spy_close = 500;
  row.total_cash = nav;
  return row;
}

ShadowEntry blocked(const std::string& ticker, const std::string& reason) {
  ShadowEntry entry;
  entry.ticker = ticker;
  entry.block_reason = reason;
  entry.research_score = 0.5;
  entry.sector = "Tech";
  entry.intended_shares = 3;
  entry.intended_dollars = 300;
  return entry;
}

class LedgerReading : public ::testing::Test {
 protected:
  void SetUp() override {
    Ledger ledger(path);
    ledger.record_trade(entry("t1", "2026-04-20", "AAA"));
    ledger.record_trade(entry("t2", "2026-04-21", "BBB"));
    ledger.record_trade(entry("t3", "2026-04-22", "CCC"));
    for (const auto* date : {"2026-04-20", "2026-04-21", "2026-04-22"})
      ledger.upsert_eod(eod(date, 1000));
    ledger.replace_shadow_book(day("2026-04-21"),
                               {blocked("ZZZ", "sector cap"), blocked("YYY", "no prediction")});
    ledger.replace_shadow_book(day("2026-04-22"), {blocked("XXX", "drawdown")});
  }

  test::TempDir dir;
  std::filesystem::path path = dir.path() / "executor" / "ledger.db";
};

std::vector<std::string> column(const nlohmann::json& rows, const char* name) {
  std::vector<std::string> values;
  for (const auto& row : rows) values.push_back(row[name].get<std::string>());
  return values;
}

TEST(LedgerReader, AbsentLedgerIsNulloptAndIsNotCreated) {
  test::TempDir dir;
  EXPECT_FALSE(LedgerReader::open(dir.path() / "ledger.db"));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST_F(LedgerReading, RowsWithinTheWindowNewestFirst) {
  const auto ledger = LedgerReader::open(path);
  ASSERT_TRUE(ledger);
  const LedgerWindow all{std::nullopt, std::nullopt, 100};
  EXPECT_EQ(column(ledger->trades(all), "trade_id"), (std::vector<std::string>{"t3", "t2", "t1"}));
  EXPECT_EQ(column(ledger->eod_rows(all), "date"),
            (std::vector<std::string>{"2026-04-22", "2026-04-21", "2026-04-20"}));
  EXPECT_EQ(column(ledger->shadow_book(all), "ticker"),
            (std::vector<std::string>{"XXX", "YYY", "ZZZ"}));

  const LedgerWindow window{day("2026-04-21"), day("2026-04-21"), 100};
  EXPECT_EQ(column(ledger->trades(window), "trade_id"), (std::vector<std::string>{"t2"}));
  EXPECT_EQ(column(ledger->shadow_book(window), "ticker"),
            (std::vector<std::string>{"YYY", "ZZZ"}));
  EXPECT_EQ(column(ledger->eod_rows({day("2026-04-21"), std::nullopt, 1}), "date"),
            (std::vector<std::string>{"2026-04-22"}));

  const auto trade = ledger->trades(all)[0];
  EXPECT_EQ(trade["shares"], 10);
  EXPECT_EQ(trade["fill_price"], 100.0);
  EXPECT_TRUE(trade["signal_price"].is_null());
  EXPECT_EQ(ledger->eod_rows(all)[0]["positions_snapshot"], "{}");
  EXPECT_EQ(ledger->shadow_book(all)[0]["block_reason"], "drawdown");
}

TEST_F(LedgerReading, ShadowBookCsv) {
  Ledger ledger(path);
  EXPECT_EQ(shadow_book_csv(ledger, "2026-04-21"),
            "date,ticker,block_reason,research_score,sector,intended_shares,intended_dollars\n"
            "2026-04-21,YYY,no prediction,0.5,Tech,3,300.0\n"
            "2026-04-21,ZZZ,sector cap,0.5,Tech,3,300.0\n");
  const std::string all = shadow_book_csv(ledger, "");
  EXPECT_EQ(std::count(all.begin(), all.end(), '\n'), 4);
  EXPECT_NE(all.find("2026-04-22,XXX,drawdown"), std::string::npos);
}

}  // namespace
}  // namespace ae::executor
