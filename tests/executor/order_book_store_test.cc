#include "executor/planning/order_book_store.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/atomic_file.h"
#include "executor/errors.h"
#include "support/test_support.h"

namespace ae::executor {
namespace {

const core::Date kDay = core::parse_date("2026-04-20");

core::OrderBook book_with(const std::string& ticker) {
  core::OrderBook b;
  b.date = kDay;
  core::ApprovedEntry e;
  e.ticker = ticker;
  e.shares = 10;
  e.current_price = 100;
  e.dollar_size = 1000;
  e.position_pct = 0.001;
  e.atr_pct = 0.02;
  b.approved_entries.push_back(e);
  return b;
}

TEST(OrderBookStore, RoundTripsThroughTheContract) {
  test::TempDir dir;
  OrderBookStore store(dir.path() / "order_book.json");
  EXPECT_FALSE(store.has_book(kDay));
  store.save(book_with("AAA"));
  EXPECT_TRUE(store.has_book(kDay));
  EXPECT_EQ(store.load(kDay), book_with("AAA"));
}

TEST(OrderBookStore, YesterdaysBookIsDiscarded) {
  test::TempDir dir;
  OrderBookStore store(dir.path() / "order_book.json");
  store.save(book_with("AAA"));
  const auto next = core::add_days(kDay, 1);
  EXPECT_FALSE(store.has_book(next));
  const auto loaded = store.load(next);
  EXPECT_EQ(loaded.date, next);
  EXPECT_TRUE(loaded.approved_entries.empty());
}

TEST(OrderBookStore, CorruptFileIsAHardFailNamingIt) {
  test::TempDir dir;
  OrderBookStore store(dir.path() / "order_book.json");
  core::write_file_atomically(store.path(), "{\"date\": \"2026-04-20\", \"approved_");
  try {
    store.load(kDay);
    FAIL();
  } catch (const PipelineHardFail& e) {
    EXPECT_NE(std::string(e.what()).find("order_book.json"), std::string::npos) << e.what();
  }
  core::write_file_atomically(store.path(), R"({"date": "2026-04-20"})");  // schema violation
  EXPECT_THROW(store.load(kDay), PipelineHardFail);
}

TEST(OrderBookStore, InvalidBookIsNotWritten) {
  test::TempDir dir;
  OrderBookStore store(dir.path() / "order_book.json");
  auto bad = book_with("AAA");
  bad.approved_entries[0].current_price = NAN;
  EXPECT_THROW(store.save(bad), core::InvalidInput);
  EXPECT_FALSE(store.exists());
}

TEST(OrderBookStore, MergeKeepsExecutedAndDropsTheirReplans) {
  auto book = book_with("AAA");
  book.executed_today.push_back({{"ticker", "AAA"}, {"action", "ENTER"}});
  auto plan = book_with("AAA");
  plan.approved_entries.push_back(book_with("BBB").approved_entries[0]);
  merge_plan_into_book(book, plan);
  ASSERT_EQ(book.approved_entries.size(), 1u);
  EXPECT_EQ(book.approved_entries[0].ticker, "BBB");
  EXPECT_EQ(book.executed_today.size(), 1u);
}

TEST(OrderBookStore, UpdateIsAReadModifyWrite) {
  test::TempDir dir;
  OrderBookStore store(dir.path() / "order_book.json");
  store.save(book_with("AAA"));
  store.update(kDay, [](core::OrderBook& b) { b.approved_entries.clear(); });
  EXPECT_TRUE(store.load(kDay).approved_entries.empty());
}

}  // namespace
}  // namespace ae::executor
