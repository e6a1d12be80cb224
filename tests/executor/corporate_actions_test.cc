// The corporate-action rule (executor/corporate_actions.h) on a small
// hand-made market: what each action pays, when it is due, and which held
// tickers are settled without a line in the file.
#include "executor/corporate_actions.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "support/test_support.h"

namespace ae::executor {
namespace {

using core::parse_date;

// Trading days 2026-03-02 .. 2026-03-13; GONE trades until 03-05 (closing
// at 20 + i), ACQR and LIVE every day (ACQR closing at 40, LIVE at 10 with
// no bar on 03-09).
struct CorporateActionRule : ::testing::Test {
  test::TempDir dir;
  market::BarStore bars{dir.path()};
  std::vector<market::CorporateAction> actions;
  market::Universe universe;
  std::map<std::string, int> held{{"GONE", 101}, {"LIVE", 50}};

  CorporateActionRule() {
    const auto& calendar = bars.calendar();
    auto write = [&](const std::string& ticker, core::Date last, double first_close, double step,
                     std::optional<core::Date> gap = std::nullopt) {
      std::vector<market::Bar> series;
      double close = first_close;
      for (auto d = parse_date("2026-03-02"); d <= last; d = core::add_days(d, 1)) {
        if (!calendar.is_trading_day(d)) continue;
        if (d != gap) {
          market::Bar bar;
          bar.date = d;
          bar.open = bar.high = bar.low = bar.close = bar.vwap = close;
          bar.volume = 1e6;
          series.push_back(bar);
        }
        close += step;
      }
      bars.write(ticker, market::series_from_bars(series, calendar, ticker));
    };
    write("GONE", parse_date("2026-03-05"), 20, 1);
    write("ACQR", parse_date("2026-03-13"), 40, 0);
    write("LIVE", parse_date("2026-03-13"), 10, 0, parse_date("2026-03-09"));
    for (const auto* ticker : {"ACQR", "GONE", "LIVE"})  // by ticker, as a universe is
      universe.constituents.push_back(
          {ticker, ticker, market::Sector::kTechnology, {{"SP500", parse_date("2020-01-02"), {}}}});
  }

  std::vector<Settlement> due(core::Date session) {
    const CorporateActionSources sources{
        actions, &universe, bars.calendar(),
        [this](const std::string& symbol) -> std::optional<market::SeriesView> {
          if (!bars.contains(symbol)) return std::nullopt;
          return bars.read(symbol);
        }};
    return settlements_due(held, session, sources);
  }

  void add(std::string ticker, market::CorporateActionKind kind, const char* date,
           std::optional<double> cash, std::string acquirer = "", double ratio = 0) {
    market::CorporateAction a;
    a.date = parse_date(date);
    a.ticker = std::move(ticker);
    a.kind = kind;
    a.cash = cash;
    a.acquirer = std::move(acquirer);
    a.ratio = ratio;
    a.origin = "corporate_actions.csv:2";
    actions.push_back(a);
  }
};

TEST_F(CorporateActionRule, ADelistingIsCashedOutAtTheLastCloseBeforeItsDate) {
  add("GONE", market::CorporateActionKind::kDelisting, "2026-03-06", std::nullopt);
  EXPECT_TRUE(due(parse_date("2026-03-05")).empty());  // not due before its date
  const auto settled = due(parse_date("2026-03-06"));
  ASSERT_EQ(settled.size(), 1u);
  EXPECT_EQ(settled[0].ticker, "GONE");
  EXPECT_EQ(settled[0].shares, 101);
  EXPECT_DOUBLE_EQ(settled[0].price, 23);  // the close of 03-05
  EXPECT_EQ(settled[0].sale_id(), "2026-03-06:GONE:DELISTED");
  EXPECT_EQ(settled[0].reason, "delisted");
  EXPECT_FALSE(settled[0].acquired);
  EXPECT_EQ(due(parse_date("2026-03-13")).size(), 1u);  // still due later, until booked
}

TEST_F(CorporateActionRule, ACashMergerPaysTheCashPerShare) {
  add("GONE", market::CorporateActionKind::kCashMerger, "2026-03-06", 31.5);
  const auto settled = due(parse_date("2026-03-06"));
  ASSERT_EQ(settled.size(), 1u);
  EXPECT_DOUBLE_EQ(settled[0].price, 31.5);
  EXPECT_EQ(settled[0].sale_id(), "2026-03-06:GONE:CASH_MERGER");
}

TEST_F(CorporateActionRule, AStockMergerBuysTheAcquirerAndPaysTheFractionInCash) {
  add("GONE", market::CorporateActionKind::kStockMerger, "2026-03-06", 2.0, "ACQR", 0.5);
  const auto settled = due(parse_date("2026-03-06"));
  ASSERT_EQ(settled.size(), 1u);
  const auto& s = settled[0];
  EXPECT_DOUBLE_EQ(s.price, 2.0 + 0.5 * 40);  // the deal's value per share
  ASSERT_TRUE(s.acquired);
  EXPECT_EQ(s.acquired->ticker, "ACQR");
  EXPECT_EQ(s.acquired->shares, 50);  // floor(101 x 0.5)
  EXPECT_DOUBLE_EQ(s.acquired->price, 40);
  EXPECT_EQ(s.purchase_id(), "2026-03-06:ACQR:MERGER_FROM_GONE");
  // Cash: 101 x 2 of the deal, plus half a share at 40.
  EXPECT_DOUBLE_EQ(s.shares * s.price - s.acquired->shares * s.acquired->price, 101 * 2.0 + 20);
}

TEST_F(CorporateActionRule, AnActionThatCannotBePricedNamesItsLine) {
  add("GONE", market::CorporateActionKind::kStockMerger, "2026-03-06", std::nullopt, "NOPE", 1);
  try {
    due(parse_date("2026-03-06"));
    ADD_FAILURE() << "expected InvalidInput";
  } catch (const core::InvalidInput& e) {
    EXPECT_STREQ(e.what(),
                 "corporate_actions.csv:2: stock_merger of GONE on 2026-03-06: the acquirer NOPE "
                 "has no close before the date");
  }
}

TEST_F(CorporateActionRule, AHoldingThatLeftTheUniverseAndStoppedTradingIsDelisted) {
  universe.constituents[1].memberships[0].removed = parse_date("2026-03-06");  // GONE
  EXPECT_TRUE(due(parse_date("2026-03-05")).empty());                          // still trading
  const auto settled = due(parse_date("2026-03-06"));
  ASSERT_EQ(settled.size(), 1u);
  EXPECT_EQ(settled[0].ticker, "GONE");
  EXPECT_EQ(settled[0].effective, parse_date("2026-03-06"));  // the session after its last bar
  EXPECT_DOUBLE_EQ(settled[0].price, 23);
  EXPECT_EQ(settled[0].sale_id(), "2026-03-06:GONE:DELISTED");
  EXPECT_EQ(due(parse_date("2026-03-12")).at(0).effective, parse_date("2026-03-06"));
}

TEST_F(CorporateActionRule, AHoldingStillInTheUniverseIsLeftStale) {
  EXPECT_TRUE(due(parse_date("2026-03-09")).empty());  // LIVE's gap; GONE stopped, still a member
  EXPECT_TRUE(due(parse_date("2026-03-12")).empty());
}

}  // namespace
}  // namespace ae::executor
