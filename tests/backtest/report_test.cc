// Backtest and sweep reports: every file written under backtest/{date}/, CSV
// headers and row counts, the key numbers in the markdown, the charts as
// well-formed SVG, and refusals that write nothing.
#include "backtest/report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "charts/xml_check.h"
#include "core/error.h"
#include "support/test_support.h"

namespace ae::backtest {
namespace {

using core::parse_date;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool has(const std::string& text, const std::string& fragment) {
  return text.find(fragment) != std::string::npos;
}

Fill fill(const char* date, const char* ticker, const char* action, int shares, double price) {
  Fill f;
  f.date = parse_date(date);
  f.ticker = ticker;
  f.action = action;
  f.shares = shares;
  f.price = price;
  return f;
}

// Six points over two months: NAV 100000 -> 110000 (+10%), SPY 400 -> 420 (+5%).
BacktestResult sample_result() {
  BacktestResult r;
  r.label = "replay";
  r.dates = {parse_date("2026-01-28"), parse_date("2026-01-29"), parse_date("2026-01-30"),
             parse_date("2026-02-02"), parse_date("2026-02-03"), parse_date("2026-02-04")};
  r.nav = {100000, 101000, 99000, 104000, 108000, 110000};
  r.spy_close = {400, 402, 398, 410, 415, 420};
  r.positions = {0, 1, 2, 2, 1, 1};
  r.invested = {0, 20000, 40000, 41000, 21000, 22000};
  r.fills = {
      fill("2026-01-29", "AAA", "ENTER", 100, 200), fill("2026-01-30", "BB|B", "ENTER", 50, 400),
      fill("2026-02-03", "AAA", "EXIT", 100, 260), fill("2026-02-04", "BB|B", "REDUCE", 10, 380),
      fill("2026-02-04", "C,C", "ENTER", 10, 50)};
  r.fills[4].reason = "score 81, \"strong\"";
  r.guard_firings = {{parse_date("2026-01-29"), "UnscoredBuyCandidatesError", "AAPL unscored"},
                     {parse_date("2026-02-02"), "UnscoredBuyCandidatesError", "MSFT unscored"},
                     {parse_date("2026-02-03"), "PipelineHardFail", "SPY missing"}};
  r.parameters = {{"atr_multiplier", "2.5"}, {"min_score", "70"}};
  return r;
}

TEST(BacktestReport, WritesEveryFileUnderTheDate) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  BacktestResult oracle = sample_result();
  oracle.label = "oracle";
  oracle.nav = {100000, 103000, 106000, 110000, 115000, 121000};
  oracle.fills.clear();
  ReportOptions options;
  options.date = parse_date("2026-02-07");
  options.oracle = &oracle;
  options.drawdown_lines = {{-0.08, "circuit breaker", "#d62728"}};
  const auto written = write_backtest_report(store, sample_result(), options);

  EXPECT_EQ(written.prefix, "backtest/2026-02-07/");
  for (const char* name :
       {"report.md", "metrics.json", "nav.csv", "trades.csv", "fills.csv", "guard_firings.csv",
        "monthly_returns.csv", "nav_vs_spy.svg", "drawdown.svg", "monthly_returns.svg"}) {
    EXPECT_TRUE(store.exists(std::string("backtest/2026-02-07/") + name)) << name;
  }
  EXPECT_EQ(written.keys.size(), 10u);
  EXPECT_EQ(store.list("backtest/2026-02-07/").size(), 10u);
  const auto firings = lines_of(store.get("backtest/2026-02-07/guard_firings.csv"));
  ASSERT_EQ(firings.size(), sample_result().guard_firings.size() + 1);
  EXPECT_EQ(firings[0], "date,guard,message");

  const auto nav = lines_of(store.get("backtest/2026-02-07/nav.csv"));
  ASSERT_EQ(nav.size(), 7u);  // header + 6 dates
  EXPECT_EQ(nav[0], "date,nav,spy_close,spy_rebased,drawdown,positions,invested,exposure");
  // Day 3: NAV 99000 after a peak of 101000; SPY rebased 398/400 x 100000.
  EXPECT_EQ(nav[3], "2026-01-30,99000,398,99500,-0.0198019802,2,40000,0.404040404");

  const auto trades = lines_of(store.get("backtest/2026-02-07/trades.csv"));
  ASSERT_EQ(trades.size(), 4u);  // AAA closed, BB|B and C,C open
  EXPECT_EQ(trades[0],
            "ticker,entry_date,entry_price,exit_date,exit_price,shares,shares_sold,pnl,"
            "return_pct,status");
  EXPECT_EQ(trades[1], "AAA,2026-01-29,200,2026-02-03,260,100,100,6000,0.3,closed");
  EXPECT_EQ(trades[3], "\"C,C\",2026-02-04,50,,,10,0,0,0,open");  // quoted, no sale yet

  const auto fills = lines_of(store.get("backtest/2026-02-07/fills.csv"));
  ASSERT_EQ(fills.size(), 6u);
  EXPECT_EQ(fills[0], "date,ticker,action,shares,price,commission,cost,reason");
  EXPECT_EQ(fills[5], "2026-02-04,\"C,C\",ENTER,10,50,0,0,\"score 81, \"\"strong\"\"\"");

  const auto monthly = lines_of(store.get("backtest/2026-02-07/monthly_returns.csv"));
  ASSERT_EQ(monthly.size(), 3u);
  EXPECT_EQ(monthly[0], "year,month,portfolio,spy,excess");
  // January: 99000/100000 - 1 = -1%; SPY 398/400 - 1 = -0.5%.
  EXPECT_EQ(monthly[1], "2026,1,-0.01,-0.005,-0.005");

  const auto json = nlohmann::json::parse(store.get("backtest/2026-02-07/metrics.json"));
  EXPECT_EQ(json["label"], "replay");
  EXPECT_NEAR(json["metrics"]["portfolio"]["total_return"].get<double>(), 0.1, 1e-12);
  EXPECT_NEAR(json["metrics"]["alpha"].get<double>(), 0.05, 1e-12);
  EXPECT_NEAR(json["oracle_metrics"]["portfolio"]["total_return"].get<double>(), 0.21, 1e-12);
  EXPECT_EQ(json["guard_firings"]["UnscoredBuyCandidatesError"], 2);
  EXPECT_EQ(json["parameters"]["min_score"], "70");
  EXPECT_EQ(json["metrics"]["trades"]["closed"], 1);

  const std::string md = store.get("backtest/2026-02-07/report.md");
  EXPECT_TRUE(has(md, "| Total return | 10.00% | 5.00% | 21.00% |")) << md;
  EXPECT_TRUE(has(md, "| Alpha (total return - SPY's) | 5.00% |"));
  EXPECT_TRUE(has(md, "| UnscoredBuyCandidatesError | 2 |"));
  EXPECT_TRUE(has(md, "| PipelineHardFail | 1 |"));
  EXPECT_TRUE(
      has(md, "| AAA | 2026-01-29 @ 200.00 | 2026-02-03 @ 260.00 | 100 | $6,000.00 | 30.00% |"));
  EXPECT_TRUE(has(md, "![NAV vs SPY](nav_vs_spy.svg)"));
  EXPECT_TRUE(has(md, "![Drawdown](drawdown.svg)"));
  EXPECT_TRUE(has(md, "| Round trips closed / open | 1 / 2 |"));
  EXPECT_TRUE(has(md, "| Hit rate | 100.00% |"));
  EXPECT_TRUE(has(md, "| Average win | $6,000.00 (30.00%) |"));
  EXPECT_TRUE(has(md, "| atr_multiplier | 2.5 |"));
  EXPECT_NEAR(written.metrics.portfolio.total_return, 0.1, 1e-12);

  for (const char* svg : {"nav_vs_spy.svg", "drawdown.svg", "monthly_returns.svg"}) {
    const auto root = test::parse_xml(store.get(std::string("backtest/2026-02-07/") + svg));
    EXPECT_EQ(root.name, "svg") << svg;
  }
  const auto nav_svg = test::parse_xml(store.get("backtest/2026-02-07/nav_vs_spy.svg"));
  EXPECT_EQ(nav_svg.find_class("ae-series").size(), 3u);  // replay, SPY, oracle
  const auto dd_svg = test::parse_xml(store.get("backtest/2026-02-07/drawdown.svg"));
  EXPECT_TRUE(has(dd_svg.all_text(), "circuit breaker (-8.0%)"));
  const auto heat = test::parse_xml(store.get("backtest/2026-02-07/monthly_returns.svg"));
  EXPECT_EQ(heat.find_class("ae-cell").size(), 13u);   // one year x (12 months + year)
  EXPECT_EQ(heat.find_class("ae-blank").size(), 10u);  // Mar..Dec
}

TEST(BacktestReport, BadInputWritesNothing) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  ReportOptions options;
  options.date = parse_date("2026-02-07");
  BacktestResult empty;
  EXPECT_THROW(write_backtest_report(store, empty, options), core::InvalidInput);
  BacktestResult bad_fills = sample_result();
  bad_fills.fills.push_back(fill("2026-02-04", "ZZZ", "EXIT", 1, 10));
  EXPECT_THROW(write_backtest_report(store, bad_fills, options), core::InvalidInput);
  BacktestResult bad_positions = sample_result();
  bad_positions.positions.pop_back();
  EXPECT_THROW(write_backtest_report(store, bad_positions, options), core::InvalidInput);
  EXPECT_TRUE(store.list("backtest/").empty());
}

TEST(BacktestReport, InvalidUtf8InALabelIsReplacedNotFatal) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  BacktestResult r = sample_result();
  r.parameters["note"] = "bad \xff byte";
  ReportOptions options;
  options.date = parse_date("2026-02-07");
  write_backtest_report(store, r, options);
  const auto json = nlohmann::json::parse(store.get("backtest/2026-02-07/metrics.json"));
  EXPECT_EQ(json["parameters"]["note"], "bad \ufffd byte");
}

TEST(BacktestReport, NoTradesNoGuards) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  BacktestResult r = sample_result();
  r.fills.clear();
  r.guard_firings.clear();
  r.positions.clear();
  r.invested.clear();
  ReportOptions options;
  options.date = parse_date("2026-02-07");
  write_backtest_report(store, r, options);
  const std::string md = store.get("backtest/2026-02-07/report.md");
  EXPECT_TRUE(has(md, "No guard fired."));
  EXPECT_TRUE(has(md, "No closed round trips."));
  EXPECT_TRUE(has(md, "| Hit rate, average win and loss | n/a (no closed round trip) |"));
  EXPECT_TRUE(has(md, "not recorded"));
  EXPECT_EQ(lines_of(store.get("backtest/2026-02-07/trades.csv")).size(), 1u);
  EXPECT_EQ(lines_of(store.get("backtest/2026-02-07/nav.csv"))[1],
            "2026-01-28,100000,400,100000,0,,,");
}

// A 3 x 2 x 2 grid with objective 10a + b + 0.5c. The mean objective over a's
// levels varies most (10 apart), then b's (1 apart), then c's (0.5 apart):
// the heat map's axes are a and b. Row 5 (a 2, b 0, c 1) failed.
std::vector<SweepReportRow> grid_rows() {
  std::vector<SweepReportRow> rows;
  for (double a : {1.0, 2.0, 3.0}) {
    for (double b : {0.0, 1.0}) {
      for (double c : {0.0, 1.0}) {
        SweepReportRow row;
        row.parameters = {{"c", c}, {"a", a}, {"b", b}};
        const double objective = 10 * a + b + 0.5 * c;
        row.figures = {
            {"sharpe", objective / 10}, {"max_drawdown", -0.1}, {"objective", objective}};
        rows.push_back(row);
      }
    }
  }
  rows[5].error = "book stopped: no SPY bar";
  rows[5].figures.clear();
  return rows;
}

TEST(SweepReport, TableRankingAndHeatMap) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  SweepReportOptions options;
  options.date = parse_date("2026-02-07");
  options.objective = "objective";
  options.top_rows = 3;
  options.best_returns = {0.01, -0.005, 0.012, 0.003, -0.002};
  const auto written = write_sweep_report(store, grid_rows(), options);
  EXPECT_EQ(written.keys.size(), 3u);
  EXPECT_EQ(written.heatmap_axes, std::make_pair(std::string("a"), std::string("b")));
  ASSERT_TRUE(written.best.has_value());
  EXPECT_EQ(*written.best, 11u);  // a 3, b 1, c 1: 31.5

  const auto csv = lines_of(store.get("backtest/2026-02-07/sweep.csv"));
  ASSERT_EQ(csv.size(), 13u);
  EXPECT_EQ(csv[0], "c,a,b,sharpe,max_drawdown,objective,error");
  EXPECT_EQ(csv[1], "0,1,0,1,-0.1,10,");
  EXPECT_EQ(csv[6], "1,2,0,,,,book stopped: no SPY bar");

  const std::string md = store.get("backtest/2026-02-07/sweep.md");
  EXPECT_TRUE(has(md, "12 configurations, 11 with a finite objective")) << md;
  EXPECT_TRUE(has(md, "| 1 | 1 | 3 | 1 | 3.15 | -10.00% | 31.50 |")) << md;
  EXPECT_TRUE(has(md, "Rows: a; columns: b"));
  EXPECT_TRUE(has(md, "Deflated Sharpe"));
  EXPECT_TRUE(has(md, "1 configurations stopped on an error"));

  const auto svg = test::parse_xml(store.get("backtest/2026-02-07/sweep_heatmap.svg"));
  std::vector<const test::XmlElement*> cells = svg.find_class("ae-cell");
  ASSERT_EQ(cells.size(), 6u);  // 3 levels of a x 2 of b
  // Cell (a 2, b 0) is the best over c of {20, 20.5 (failed)} = 20.
  EXPECT_EQ(cells[2]->children[0].text, "2 / 0: 20");
  EXPECT_EQ(cells[5]->children[0].text, "3 / 1: 31.5");
}

TEST(SweepReport, ChosenAxesAndRefusals) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  SweepReportOptions options;
  options.date = parse_date("2026-02-07");
  options.objective = "objective";
  options.heatmap_axes = std::make_pair(std::string("c"), std::string("a"));
  const auto written = write_sweep_report(store, grid_rows(), options);
  EXPECT_EQ(written.heatmap_axes.first, "c");
  EXPECT_EQ(test::parse_xml(store.get("backtest/2026-02-07/sweep_heatmap.svg"))
                .find_class("ae-cell")
                .size(),
            6u);  // 2 levels of c x 3 of a

  options.heatmap_axes = std::make_pair(std::string("c"), std::string("zzz"));
  EXPECT_THROW(write_sweep_report(store, grid_rows(), options), core::InvalidInput);
  options.heatmap_axes.reset();
  options.objective = "nope";
  EXPECT_THROW(write_sweep_report(store, grid_rows(), options), core::InvalidInput);
  options.objective = "sharpe";
  EXPECT_THROW(write_sweep_report(store, {}, options), core::InvalidInput);
  auto ragged = grid_rows();
  ragged[3].parameters.pop_back();
  EXPECT_THROW(write_sweep_report(store, ragged, options), core::InvalidInput);
}

TEST(SweepReport, RowFromMetrics) {
  Metrics m;
  m.portfolio.sharpe = 1.25;
  m.portfolio.max_drawdown = -0.2;
  m.n_trades = 7;
  const auto row = sweep_row({{"atr_multiplier", 2.5}}, m, 1.15);
  ASSERT_EQ(row.figures.size(), 14u);
  EXPECT_EQ(row.figures[2], std::make_pair(std::string("sharpe"), 1.25));
  EXPECT_EQ(row.figures[7].first, "active_return");
  EXPECT_EQ(row.figures[8].first, "beta");
  EXPECT_EQ(row.figures[10], std::make_pair(std::string("trades"), 7.0));
  EXPECT_EQ(row.figures.back(), std::make_pair(std::string("objective"), 1.15));
}

}  // namespace
}  // namespace ae::backtest
