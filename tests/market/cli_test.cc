// The `ae data` and `ae features` commands end to end on a small market, and
// `ae data import DIR` on a generated data folder.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "core/atomic_file.h"
#include "core/home.h"
#include "market_test_util.h"
#include "support/test_support.h"

namespace ae::market {
namespace {

using ae::test::run_ae;

class MarketCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    home_ = new ae::test::TempDir();
    const auto result =
        run_ae("data synth --tickers 30 --years 2 --seed 5 --end 2026-11-27", home_->path());
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  static void TearDownTestSuite() {
    delete home_;
    home_ = nullptr;
  }
  static const std::filesystem::path& home() { return home_->path(); }

 private:
  static ae::test::TempDir* home_;
};
ae::test::TempDir* MarketCli::home_ = nullptr;

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

TEST_F(MarketCli, CheckPassesOnTheLastDayAndFailsWhenStale) {
  const auto ok = run_ae("data check --as-of 2026-11-27", home());
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("spy"), std::string::npos);
  EXPECT_NE(ok.out.find("coverage"), std::string::npos);
  EXPECT_EQ(ok.err.find("blocking"), std::string::npos) << ok.err;
  const auto stale = run_ae("data check --as-of 2026-12-04", home());
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_NE(stale.out.find("stale"), std::string::npos) << stale.out;
  // The reason is on stderr too, where a pipeline's command step shows it.
  EXPECT_NE(stale.err.find("data check: blocking: "), std::string::npos) << stale.err;
  EXPECT_NE(stale.err.find("stale"), std::string::npos) << stale.err;
}

TEST_F(MarketCli, FeaturesCsvHasTheRequiredColumns) {
  const auto spy = run_ae("features SPY --from 2026-11-02 --to 2026-11-27 --csv", home());
  ASSERT_EQ(spy.exit_code, 0) << spy.err;
  const std::string header = first_line(spy.out);
  EXPECT_EQ(header.rfind("date,rsi_14,macd,macd_signal,macd_hist,", 0), 0u) << header;
  for (const char* name : {"ema_12", "ema_26", "sma_50", "sma_200", "atr_14", "atr_14_pct",
                           "momentum_20d", "realized_vol_20d"}) {
    EXPECT_NE(header.find(std::string(",") + name), std::string::npos) << name;
  }
  std::istringstream lines(spy.out);
  std::string line;
  std::size_t rows = 0;
  while (std::getline(lines, line)) ++rows;
  EXPECT_EQ(rows, 1u + 19u);  // header + the trading days of 2026-11-02..27
  // Long past every warm-up; SPY has no sector ETF, so only that column is NaN.
  EXPECT_TRUE(header.ends_with(",rel_return_sector_20d")) << header;
  const std::string last = spy.out.substr(spy.out.rfind('\n', spy.out.size() - 2) + 1);
  EXPECT_EQ(last.find(",NaN"), last.size() - 5) << last;

  const auto alpha = run_ae("features SPY --set alpha158 --to 2025-01-10 --csv", home());
  ASSERT_EQ(alpha.exit_code, 0) << alpha.err;
  const std::string alpha_header = first_line(alpha.out);
  EXPECT_EQ(std::count(alpha_header.begin(), alpha_header.end(), ','), 158);
  EXPECT_NE(alpha.out.find(",NaN"), std::string::npos);  // first rows: warm-up
}

TEST_F(MarketCli, ShowAndErrors) {
  const auto show = run_ae("data show SPY --from 2026-11-25", home());
  ASSERT_EQ(show.exit_code, 0);
  EXPECT_EQ(first_line(show.out), "date,open,high,low,close,volume,vwap,factor");
  EXPECT_NE(show.out.find("2026-11-27,"), std::string::npos);
  const auto missing = run_ae("features NOPE --csv", home());
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("error: no bars for symbol 'NOPE'"), std::string::npos) << missing.err;
  EXPECT_EQ(missing.err.find("did you mean"), std::string::npos) << missing.err;
  const auto misspelt = run_ae("features SPX --csv", home());
  EXPECT_EQ(misspelt.exit_code, 3);
  EXPECT_NE(misspelt.err.find("no bars for symbol 'SPX'"), std::string::npos) << misspelt.err;
  EXPECT_NE(misspelt.err.find("; did you mean 'SPY'"), std::string::npos) << misspelt.err;
  const auto bad =
      run_ae("data import --universe " +
                 ae::test::source_path("tests/market/data/bad/unknown_sector.csv").string(),
             home());
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.err.find("unknown sector 'Crypto'"), std::string::npos) << bad.err;
}

// A data folder with a volume spike (AAA) and a broken spin-off adjustment
// (JUMP: adjusted +68.3%, raw +1.0% on 2015-02-03), 30 days from 2015-01-05.
std::filesystem::path write_data_folder(const std::filesystem::path& root) {
  const TradingCalendar calendar;
  const core::Date from = core::parse_date("2015-01-05");
  test::write_universe_csv(root / "universe.csv", {"AAA", "JUMP"});
  auto aaa = test::flat_days(30);
  aaa[25].volume = 2e7;
  test::write_yahoo_csv(root / "stocks" / "AAA.csv", calendar, from, aaa);
  auto jump = test::flat_days(30);
  for (std::size_t i = 0; i < 20; ++i) jump[i].adj_close = 60;
  for (std::size_t i = 20; i < 30; ++i) jump[i] = {101, 101, 1e6};
  test::write_yahoo_csv(root / "stocks" / "JUMP.csv", calendar, from, jump);
  test::write_yahoo_csv(root / "macro" / "SPY.csv", calendar, from, test::flat_days(30, 200));
  return root;
}

TEST(DataImportCli, AFolderImportSummarisesWritesTheReportAndCheckShowsTheQuarantine) {
  ae::test::TempDir data, home;
  const auto folder = write_data_folder(data.path());
  const auto imported = run_ae("data import " + folder.string(), home.path());
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  EXPECT_NE(
      imported.out.find("imported 3 symbol(s), 90 bar(s), universe of 2 ticker(s)\n"
                        "1 warning(s)\n"
                        "  volume_spike: 1, worst 1:\n"
                        "    AAA 2015-02-10 volume: volume 20000000 is 20x the 20-day median\n"
                        "1 quarantined symbol-day(s), 20 earlier bar(s) held out\n"
                        "  JUMP 2015-02-03: adjusted return +68.3%, raw return +1.0%: "),
      std::string::npos)
      << imported.out;
  EXPECT_EQ(imported.err.find("data quality:"), std::string::npos) << imported.err;  // debug only

  const std::string marker = "report: ";
  const auto at = imported.out.find(marker);
  ASSERT_NE(at, std::string::npos) << imported.out;
  const std::filesystem::path report =
      imported.out.substr(at + marker.size(), imported.out.find('\n', at) - at - marker.size());
  EXPECT_EQ(report.parent_path(), core::Home(home.path()).import_reports());
  EXPECT_TRUE(report.filename().string().starts_with("import-")) << report;
  const std::string csv = core::read_file(report);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3);  // header, the spike, the jump
  EXPECT_NE(csv.find("\nadjustment_jump,quarantine,JUMP,2015-02-03,close,"), std::string::npos);

  const auto check = run_ae("data check --as-of 2015-02-17", home.path());
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("quarantine        WARN    JUMP 2015-02-03: adjusted return +68.3%, "
                           "raw return +1.0%: the adjustment factor stepped by more than 25% "
                           "with no raw move to offset it; bars before 2015-02-03 held out\n"),
            std::string::npos)
      << check.out;
}

TEST(DataImportCli, AFolderAndFilesTogetherOrNeitherAreRefused) {
  ae::test::TempDir data, home;
  const auto folder = write_data_folder(data.path());
  const auto both =
      run_ae("data import " + folder.string() + " --universe " + (folder / "universe.csv").string(),
             home.path());
  EXPECT_EQ(both.exit_code, 3);
  EXPECT_NE(both.err.find("give a folder or --per-ticker/--long/--universe files, not both"),
            std::string::npos)
      << both.err;
  const auto neither = run_ae("data import", home.path());
  EXPECT_EQ(neither.exit_code, 3);
  const auto missing = run_ae("data import " + (folder / "stocks").string(), home.path());
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("has no universe.csv"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(home.path() / "market" / "bars"));
}

}  // namespace
}  // namespace ae::market
