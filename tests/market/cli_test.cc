// The `ae data` and `ae features` commands end to end on a small market.
#include <gtest/gtest.h>

#include <sstream>

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
  const auto stale = run_ae("data check --as-of 2026-12-04", home());
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_NE(stale.out.find("stale"), std::string::npos) << stale.out;
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
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("error: no bars for symbol 'NOPE'"), std::string::npos) << missing.err;
  const auto bad =
      run_ae("data import --universe " +
                 ae::test::source_path("tests/market/data/bad/unknown_sector.csv").string(),
             home());
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("unknown sector 'Crypto'"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace ae::market
