#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>

#include "core/atomic_file.h"
#include "core/error.h"
#include "market/data_check.h"
#include "market/series_file.h"
#include "market/synth/install.h"
#include "market/synth/synthetic_market.h"
#include "support/test_support.h"

namespace ae::market::synth {
namespace {

using core::parse_date;

const TradingCalendar& calendar() {
  static const TradingCalendar instance;
  return instance;
}

SynthOptions small_options(std::uint64_t seed = 42) {
  SynthOptions options;
  options.tickers = 60;
  options.years = 3;
  options.seed = seed;
  options.end = parse_date("2026-11-27");
  return options;
}

// The small market is generated once for the whole suite.
const SyntheticMarket& small_market() {
  static const SyntheticMarket market = generate_market(small_options(), calendar());
  return market;
}

const BarSeries& series_of(const SyntheticMarket& market, std::string_view symbol) {
  const auto it = std::find(market.symbols.begin(), market.symbols.end(), symbol);
  EXPECT_NE(it, market.symbols.end()) << symbol;
  return market.series[static_cast<std::size_t>(it - market.symbols.begin())];
}

std::vector<double> log_returns(const BarSeries& s) {
  const auto& close = s.column(Field::kClose);
  std::vector<double> out;
  for (std::size_t i = 1; i < close.size(); ++i) {
    if (std::isfinite(close[i]) && std::isfinite(close[i - 1]))
      out.push_back(std::log(close[i] / close[i - 1]));
  }
  return out;
}

double kurtosis(const std::vector<double>& x) {
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
  double m2 = 0, m4 = 0;
  for (double v : x) {
    m2 += (v - mean) * (v - mean);
    m4 += std::pow(v - mean, 4);
  }
  m2 /= static_cast<double>(x.size());
  m4 /= static_cast<double>(x.size());
  return m4 / (m2 * m2);
}

double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const auto n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

double squared_autocorrelation(const std::vector<double>& r) {
  std::vector<double> a, b;
  for (std::size_t i = 1; i < r.size(); ++i) {
    a.push_back(r[i - 1] * r[i - 1]);
    b.push_back(r[i] * r[i]);
  }
  return correlation(a, b);
}

double median(std::vector<double> x) {
  std::sort(x.begin(), x.end());
  return x[x.size() / 2];
}

TEST(SyntheticMarket, SameSeedGivesIdenticalBytesAndAnotherSeedDoesNot) {
  const SyntheticMarket again = generate_market(small_options(), calendar());
  const SyntheticMarket& first = small_market();
  ASSERT_EQ(again.symbols, first.symbols);
  for (std::size_t i = 0; i < first.series.size(); ++i) {
    ASSERT_EQ(encode_series(again.series[i]), encode_series(first.series[i])) << first.symbols[i];
  }
  EXPECT_EQ(universe_to_json(again.universe), universe_to_json(first.universe));
  const SyntheticMarket other = generate_market(small_options(7), calendar());
  EXPECT_NE(universe_to_json(other.universe), universe_to_json(first.universe));
}

TEST(SyntheticMarket, HasTheUniverseSpyVixAndElevenSectorEtfs) {
  const SyntheticMarket& market = small_market();
  EXPECT_EQ(market.universe.constituents.size(), 60u);
  EXPECT_EQ(market.symbols.size(), 60u + 13u);
  for (const auto& macro : default_macro_symbols()) {
    const BarSeries& s = series_of(market, macro);
    EXPECT_EQ(s.size(), market.summary.days) << macro;
    EXPECT_EQ(s.present_count(), market.summary.days) << macro;
  }
  EXPECT_EQ(market.summary.end, parse_date("2026-11-27"));
  EXPECT_EQ(market.summary.days, 756u);
  std::size_t sp500 = 0;
  for (const auto& c : market.universe.constituents) {
    sp500 += c.memberships.front().index == "SP500" ? 1 : 0;
  }
  EXPECT_GT(sp500, 20u);
  EXPECT_LT(sp500, 45u);
}

TEST(SyntheticMarket, EveryBarIsConsistentAndPassesTheGates) {
  const SyntheticMarket& market = small_market();
  for (std::size_t k = 0; k < market.symbols.size(); ++k) {
    const BarSeries& s = market.series[k];
    for (std::size_t i = 0; i < s.size(); ++i) {
      const Bar b = s.row(i);
      if (b.missing()) continue;
      ASSERT_GE(b.high, std::max(b.open, b.close)) << market.symbols[k] << " row " << i;
      ASSERT_LE(b.low, std::min(b.open, b.close)) << market.symbols[k] << " row " << i;
      ASSERT_GT(b.low, 0);
      if (!std::isnan(b.vwap)) {
        ASSERT_GE(b.vwap, b.low);
        ASSERT_LE(b.vwap, b.high);
      }
      ASSERT_GE(b.volume, 0);
      ASSERT_GT(b.factor, 0);
    }
    for (const auto& issue : check_series(market.symbols[k], s, calendar())) {
      ASSERT_NE(issue.severity, Severity::kBlocking) << issue.describe();
    }
  }
}

TEST(SyntheticMarket, ReturnsHaveFatTailsAndVolatilityClustering) {
  const SyntheticMarket& market = small_market();
  std::vector<double> kurtoses, autocorrelations;
  for (std::size_t k = 0; k < market.universe.constituents.size(); ++k) {
    const auto r = log_returns(market.series[k]);
    if (r.size() < 300) continue;
    kurtoses.push_back(kurtosis(r));
    autocorrelations.push_back(squared_autocorrelation(r));
  }
  ASSERT_GT(kurtoses.size(), 40u);
  EXPECT_GT(median(kurtoses), 3.5);
  EXPECT_GT(median(autocorrelations), 0.0);
  const auto spy = log_returns(series_of(market, "SPY"));
  EXPECT_GT(kurtosis(spy), 3.0);
  EXPECT_GT(squared_autocorrelation(spy), 0.05);
}

TEST(SyntheticMarket, VixTracksRealisedIndexVolatility) {
  const SyntheticMarket& market = small_market();
  const auto spy = log_returns(series_of(market, "SPY"));
  const auto& vix = series_of(market, "VIX").column(Field::kClose);
  std::vector<double> realised, level;
  for (std::size_t t = 20; t < spy.size(); ++t) {
    double s = 0;
    for (std::size_t k = t - 20; k < t; ++k) s += spy[k] * spy[k];
    realised.push_back(std::sqrt(s / 20 * 252) * 100);
    level.push_back(vix[t]);
  }
  EXPECT_GT(correlation(realised, level), 0.5);
  const double mean_vix =
      std::accumulate(vix.begin(), vix.end(), 0.0) / static_cast<double>(vix.size());
  EXPECT_GT(mean_vix, 10);
  EXPECT_LT(mean_vix, 35);
}

TEST(SyntheticMarket, HasSplitsDividendsGapsDelistingsAndAdds) {
  const SyntheticMarket& market = small_market();
  const SynthSummary& s = market.summary;
  EXPECT_GT(s.splits, 0u);
  EXPECT_GT(s.dividends, 0u);
  EXPECT_GT(s.missing_bars, 0u);
  EXPECT_GT(s.delisted + s.added_late, 0u);
  std::size_t factor_changes = 0, missing_rows = 0;
  for (std::size_t k = 0; k < market.universe.constituents.size(); ++k) {
    const BarSeries& series = market.series[k];
    const auto& factor = series.column(Field::kFactor);
    for (std::size_t i = 1; i < series.size(); ++i) {
      if (!std::isnan(factor[i]) && !std::isnan(factor[i - 1]) && factor[i] != factor[i - 1])
        ++factor_changes;
    }
    missing_rows += series.size() - series.present_count();
    // The membership matches the series' life.
    const Constituent& c = market.universe.constituents[k];
    ASSERT_EQ(c.ticker, market.symbols[k]);
    EXPECT_EQ(c.memberships.front().added, calendar().date_at(series.start_index));
    const auto& removed = c.memberships.back().removed;
    if (removed) {
      EXPECT_EQ(*removed,
                calendar().date_at(series.start_index + static_cast<std::int32_t>(series.size())));
    }
  }
  EXPECT_GT(factor_changes, s.splits);
  EXPECT_GE(missing_rows, s.missing_bars);
}

TEST(SyntheticMarket, OracleIcIsInTheDocumentedBandForTheSmallMarket) {
  const SyntheticMarket& market = small_market();
  // Re-measure from the bars alone, as a user of the store would.
  std::vector<std::vector<double>> log_closes;
  const std::int32_t start = series_of(market, "SPY").start_index;
  for (std::size_t k = 0; k < market.universe.constituents.size(); ++k) {
    const BarSeries& s = market.series[k];
    std::vector<double> row(market.summary.days, NAN);
    for (std::size_t i = 0; i < s.size(); ++i) {
      row[static_cast<std::size_t>(s.start_index - start) + i] =
          std::log(s.column(Field::kClose)[i]);
    }
    log_closes.push_back(row);
  }
  const OracleReport report = measure_oracle_ic(log_closes);
  EXPECT_NEAR(report.mean_ic, market.summary.oracle.mean_ic, 1e-12);
  EXPECT_GT(report.days, 400u);
  // 60 names x 3 years is noisy (one day's IC has stdev ~0.14); the band for
  // the default 900 x 10 market is 0.04-0.06 (slow test).
  EXPECT_GT(report.mean_ic, 0.01);
  EXPECT_LT(report.mean_ic, 0.10);
  // Without the planted component the oracle has nothing to find.
  SynthOptions none = small_options();
  none.signal_strength = 0;
  const double baseline = generate_market(none, calendar()).summary.oracle.mean_ic;
  EXPECT_LT(std::abs(baseline), report.mean_ic);
}

TEST(SyntheticMarket, WrittenStorePassesDataCheck) {
  ae::test::TempDir dir;
  BarStore store(dir.path());
  write_market(store, small_market(), small_options());
  const CheckReport report = check_store(store, parse_date("2026-11-27"));
  EXPECT_FALSE(report.blocking()) << format_report(report);
  EXPECT_EQ(store.symbols().size(), 73u);
  // A day later SPY is stale and coverage collapses: blocking.
  EXPECT_TRUE(check_store(store, parse_date("2026-11-30")).blocking());
}

// Every file under `root`, relative path -> bytes.
std::map<std::string, std::string> snapshot(const std::filesystem::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
    if (entry.is_regular_file())
      files[std::filesystem::relative(entry.path(), root).string()] = core::read_file(entry.path());
  return files;
}

TEST(SynthInstall, AFailureMidWayLeavesThePreviousMarketUntouched) {
  ae::test::TempDir dir;
  const auto root = dir.path() / "market";
  const auto staging = dir.path() / "market.staging";
  install_market(root, staging, small_market(), small_options());
  const auto before = snapshot(root);
  ASSERT_EQ(before.size(), 73u + 2u);  // the bars, universe.json, synth.json

  const SyntheticMarket other = generate_market(small_options(7), calendar());
  std::size_t written = 0;
  EXPECT_THROW(install_market(root, staging, other, small_options(7),
                              [&](std::size_t done, std::size_t) {
                                written = done;
                                if (done == 30) throw core::IoError("disk full (simulated)");
                              }),
               core::IoError);
  EXPECT_EQ(written, 30u);
  EXPECT_EQ(snapshot(root), before);
  EXPECT_FALSE(std::filesystem::exists(staging));
}

TEST(SynthInstall, ReplacesTheWholeMarketAndKeepsTheImportReports) {
  ae::test::TempDir dir;
  const auto root = dir.path() / "market";
  const auto staging = dir.path() / "market.staging";
  BarStore old(root);
  write_market(old, generate_market(small_options(7), calendar()), small_options(7));
  old.write_quarantine({{"OLD", parse_date("2026-03-02"), 0.5, 0.1}});
  core::write_file_atomically(root / "reports" / "import-1.csv", "kind\n");
  core::write_file_atomically(staging / "leftover.bin", "from an interrupted run");

  install_market(root, staging, small_market(), small_options());
  const BarStore store(root);
  auto expected = small_market().symbols;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(store.symbols(), expected);
  EXPECT_EQ(universe_to_json(store.read_universe()), universe_to_json(small_market().universe));
  EXPECT_TRUE(store.read_quarantine().empty());
  EXPECT_EQ(core::read_file(root / "reports" / "import-1.csv"), "kind\n");
  EXPECT_FALSE(std::filesystem::exists(staging));
}

TEST(SyntheticMarket, RejectsOutOfRangeOptions) {
  SynthOptions options = small_options();
  options.tickers = 5;
  EXPECT_THROW(generate_market(options, calendar()), core::InvalidInput);
  options = small_options();
  options.years = 40;
  EXPECT_THROW(generate_market(options, calendar()), core::InvalidInput);
}

TEST(PlantedSignal, ComponentsByHand) {
  std::vector<double> log_close(300);
  for (std::size_t i = 0; i < log_close.size(); ++i) log_close[i] = 0.001 * static_cast<double>(i);
  const Components c = components_at(log_close, 299);
  ASSERT_TRUE(c.valid);
  EXPECT_NEAR(c.momentum, 0.001 * 231, 1e-12);  // L[278] - L[47]
  EXPECT_NEAR(c.reversal, 0.005, 1e-12);
  EXPECT_NEAR(c.volatility, 0.0, 1e-9);
  EXPECT_FALSE(components_at(log_close, 251).valid);
  log_close[290] = NAN;
  EXPECT_FALSE(components_at(log_close, 299).valid);
}

}  // namespace
}  // namespace ae::market::synth
