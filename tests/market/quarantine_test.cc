// The adjustment-jump quarantine (quarantine.h): a broken spin-off adjustment
// (adjusted +70%, raw +1%) is quarantined with the bars before it held out; a
// 2:1 split, a reverse split and an ordinary move are not. The record lives
// in the store and `ae data check` (check_store) shows each day's reason.
#include "market/quarantine.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.h"
#include "market/bar_store.h"
#include "market/data_check.h"
#include "market/import/importer.h"
#include "market_test_util.h"
#include "support/test_support.h"

namespace ae::market {
namespace {

using core::parse_date;

using test::calendar;

const Date kFrom = parse_date("2015-01-05");
constexpr int kJumpRow = 20;

// 30 days; from row 20 on the raw close is 101 (+1%) while the adjusted close
// steps from 60 (factor 0.6) to 101 (factor 1): adjusted +68.3%.
std::vector<test::CsvDay> spin_off_jump() {
  auto days = test::flat_days(30);
  for (int i = 0; i < 30; ++i) {
    auto& day = days[static_cast<std::size_t>(i)];
    day.close = i < kJumpRow ? 100.0 : 101.0;
    day.adj_close = i < kJumpRow ? 60.0 : 101.0;
  }
  return days;
}

// 30 days of a 2:1 split on row 20: the raw close halves, adjusted flat.
std::vector<test::CsvDay> two_for_one_split() {
  auto days = test::flat_days(30);
  for (int i = 0; i < kJumpRow; ++i) days[static_cast<std::size_t>(i)].close = 200.0;
  return days;
}

BarSeries series_of(const std::vector<test::CsvDay>& days) {
  std::vector<Bar> bars;
  const auto dates = test::trading_days(calendar(), kFrom, static_cast<int>(days.size()));
  for (std::size_t i = 0; i < days.size(); ++i) {
    Bar bar = test::make_bar(dates[i], days[i].adj_close);
    bar.factor = days[i].adj_close / days[i].close;
    bars.push_back(bar);
  }
  return series_from_bars(bars, calendar(), "TEST");
}

Date jump_date() { return test::trading_days(calendar(), kFrom, 30)[kJumpRow]; }

TEST(Quarantine, FlagsAnAdjustedJumpThatNoRawMoveExplains) {
  const auto jumps = find_adjustment_jumps("TEST", series_of(spin_off_jump()), calendar());
  ASSERT_EQ(jumps.size(), 1u);
  EXPECT_EQ(jumps[0].symbol, "TEST");
  EXPECT_EQ(jumps[0].date, jump_date());
  EXPECT_NEAR(jumps[0].adjusted_return, 101.0 / 60.0 - 1.0, 1e-12);
  EXPECT_NEAR(jumps[0].raw_return, 0.01, 1e-12);
  EXPECT_EQ(jumps[0].reason(),
            "TEST 2015-02-03: adjusted return +68.3%, raw return +1.0%: the adjustment factor "
            "stepped by more than 25% with no raw move to offset it; bars before 2015-02-03 "
            "held out");

  // Downwards too: adjusted -50%, raw -2%.
  auto down = test::flat_days(30);
  for (int i = kJumpRow; i < 30; ++i) {
    down[static_cast<std::size_t>(i)] = {98.0, 50.0, 1e6};
  }
  EXPECT_EQ(find_adjustment_jumps("TEST", series_of(down), calendar()).size(), 1u);
}

TEST(Quarantine, SplitsReverseSplitsAndOrdinaryMovesAreNotQuarantined) {
  EXPECT_TRUE(find_adjustment_jumps("TEST", series_of(two_for_one_split()), calendar()).empty());
  auto reverse = test::flat_days(30, 1000.0);  // 1:10: raw x10, adjusted flat
  for (int i = 0; i < kJumpRow; ++i) reverse[static_cast<std::size_t>(i)].close = 100.0;
  EXPECT_TRUE(find_adjustment_jumps("TEST", series_of(reverse), calendar()).empty());
  auto crash = test::flat_days(30);  // -40% on the news, factor 1
  for (int i = kJumpRow; i < 30; ++i) crash[static_cast<std::size_t>(i)] = {60.0, 60.0, 1e6};
  EXPECT_TRUE(find_adjustment_jumps("TEST", series_of(crash), calendar()).empty());
}

TEST(Quarantine, ImportHoldsOutTheBarsBeforeTheJumpAndRecordsTheDay) {
  ae::test::TempDir data;
  test::write_yahoo_csv(data.path() / "JUMP.csv", calendar(), kFrom, spin_off_jump());
  test::write_yahoo_csv(data.path() / "SPLIT.csv", calendar(), kFrom, two_for_one_split());
  ae::test::TempDir home;
  BarStore store(home.path());
  ImportRequest request;
  request.per_ticker_files = {(data.path() / "JUMP.csv").string(),
                              (data.path() / "SPLIT.csv").string()};
  const auto result = import_files(store, request);
  EXPECT_EQ(result.symbols, 2u);
  ASSERT_EQ(result.quarantined.size(), 1u);
  EXPECT_EQ(result.quarantined[0].symbol, "JUMP");
  EXPECT_EQ(result.held_out_bars, static_cast<std::size_t>(kJumpRow));

  const SeriesView jump = store.read("JUMP");
  EXPECT_EQ(jump.first_date(), jump_date());
  EXPECT_EQ(jump.size(), 10u);
  EXPECT_EQ(store.read("SPLIT").size(), 30u);
  EXPECT_EQ(store.read_quarantine(), result.quarantined);

  // check_store shows the day with its reason.
  const auto report = check_store(store, jump.last_date());
  const auto row = std::find_if(report.rows.begin(), report.rows.end(),
                                [](const CheckRow& r) { return r.check == "quarantine"; });
  ASSERT_NE(row, report.rows.end());
  EXPECT_EQ(row->status, CheckStatus::kWarn);
  EXPECT_EQ(row->detail, result.quarantined[0].reason());
  const std::string table = format_report(report);
  EXPECT_NE(table.find("WARN    JUMP 2015-02-03: adjusted return +68.3%, raw return +1.0%"),
            std::string::npos)
      << table;

  // A corrected file replaces the history and the record's entry.
  test::write_yahoo_csv(data.path() / "JUMP.csv", calendar(), kFrom, test::flat_days(30));
  request.per_ticker_files = {(data.path() / "JUMP.csv").string()};
  EXPECT_TRUE(import_files(store, request).quarantined.empty());
  EXPECT_TRUE(store.read_quarantine().empty());
  EXPECT_EQ(store.read("JUMP").size(), 30u);
}

TEST(Quarantine, RecordRoundTripsAndAMalformedOneIsNamed) {
  const std::vector<QuarantinedDay> days = {{"DXC", parse_date("2015-11-30"), 0.701, 0.083}};
  EXPECT_EQ(quarantine_from_json(quarantine_to_json(days), "q.json"), days);
  try {
    quarantine_from_json("{\"quarantined\": [{\"symbol\": \"X\"}]}", "q.json");
    FAIL() << "expected InvalidInput";
  } catch (const core::InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("quarantine record q.json is malformed"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace ae::market
