// corporate_actions.csv: the operator's delistings and mergers, read and
// validated row by row; every bad row names file, line and field.
#include "market/corporate_actions.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/error.h"
#include "market/bar_store.h"
#include "market_test_util.h"
#include "support/test_support.h"

namespace ae::market {
namespace {

using core::parse_date;
using test::calendar;

std::string data(const std::string& name) {
  return ae::test::source_path("tests/market/data/corporate_actions/" + name).string();
}

TEST(CorporateActions, TheFileIsReadByDateThenTicker) {
  const auto actions = read_corporate_actions(data("good.csv"), calendar());
  ASSERT_EQ(actions.size(), 5u);
  EXPECT_EQ(actions[0].ticker, "ACQ");
  EXPECT_EQ(actions[0].kind, CorporateActionKind::kDelisting);
  EXPECT_FALSE(actions[0].cash);
  EXPECT_EQ(actions[1].ticker, "XYZ");
  EXPECT_EQ(actions[1].kind, CorporateActionKind::kCashMerger);
  EXPECT_DOUBLE_EQ(*actions[1].cash, 54.20);
  EXPECT_EQ(actions[2].ticker, "ABC");
  EXPECT_EQ(actions[2].acquirer, "DEF");
  EXPECT_DOUBLE_EQ(actions[2].ratio, 0.5);
  EXPECT_FALSE(actions[2].cash);
  EXPECT_EQ(actions[3].ticker, "GHI");
  EXPECT_DOUBLE_EQ(*actions[3].cash, 10.0);
  EXPECT_EQ(actions[4].date, parse_date("2026-03-06"));
  EXPECT_DOUBLE_EQ(*actions[4].cash, 0.75);
  EXPECT_EQ(actions[0].origin, data("good.csv") + ":3");
}

TEST(CorporateActions, NoFileIsNoAction) {
  ae::test::TempDir dir;
  EXPECT_TRUE(read_corporate_actions((dir.path() / "none.csv").string(), calendar()).empty());
  EXPECT_TRUE(BarStore(dir.path()).read_corporate_actions().empty());
}

TEST(CorporateActions, BadRowsNameFileLineAndField) {
  const std::string header = "date,ticker,action,cash,acquirer,ratio\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"2026-13-01,XYZ,delisting,,,", ":2: field date: '2026-13-01' is not a date"},
      {"2026-04-03,XYZ,delisting,,,", ":2: field date: 2026-04-03 is not an NYSE trading day"},
      {"2026-03-02,xyz!,delisting,,,", ":2: field ticker: "},
      {"2026-03-02,XYZ,bankruptcy,,,",
       ":2: field action: 'bankruptcy' is not delisting, cash_merger or stock_merger"},
      {"2026-03-02,XYZ,cash_merger,,,", ":2: field cash: a cash_merger needs the cash paid"},
      {"2026-03-02,XYZ,cash_merger,-3,,", ":2: field cash: -3 is outside 0..1e+07"},
      {"2026-03-02,XYZ,cash_merger,1e308,,", ":2: field cash: 1e308 is outside 0..1e+07"},
      {"2026-03-02,XYZ,cash_merger,nan,,", ":2: field cash: 'nan' is not"},
      {"2026-03-02,XYZ,delisting,,DEF,0.5", ":2: field acquirer: only a stock_merger"},
      {"2026-03-02,XYZ,stock_merger,,,0.5",
       ":2: field acquirer: a stock_merger needs its acquirer"},
      {"2026-03-02,XYZ,stock_merger,,XYZ,0.5",
       ":2: field acquirer: a ticker cannot acquire itself"},
      {"2026-03-02,XYZ,stock_merger,,DEF,", ":2: field ratio: a stock_merger needs the acquirer"},
      {"2026-03-02,XYZ,stock_merger,,DEF,0", ":2: field ratio: a stock_merger needs the acquirer"},
      {"2026-03-02,XYZ,delisting,,,\n2026-03-03,XYZ,cash_merger,5,,",
       ":3: field ticker: XYZ already has an action ("},
      {"2026-03-02,XYZ,delisting,,", ":2: expected 6 fields, found 5"},
  };
  ae::test::TempDir dir;
  for (const auto& [rows, expected] : cases) {
    SCOPED_TRACE(rows);
    const auto path = (dir.path() / "corporate_actions.csv").string();
    std::ofstream(path) << header << rows << "\n";
    try {
      read_corporate_actions(path, calendar());
      ADD_FAILURE() << "expected InvalidInput";
    } catch (const core::InvalidInput& e) {
      const std::string message = e.what();
      EXPECT_EQ(message.rfind(path, 0), 0u) << message;
      EXPECT_NE(message.find(expected), std::string::npos) << message;
    }
  }
  std::ofstream(dir.path() / "missing_column.csv")
      << "date,ticker,action\n2026-03-02,XYZ,delisting\n";
  EXPECT_THROW(read_corporate_actions((dir.path() / "missing_column.csv").string(), calendar()),
               core::InvalidInput);
}

}  // namespace
}  // namespace ae::market
