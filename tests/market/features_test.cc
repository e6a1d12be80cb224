#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <numeric>
#include <vector>

#include "core/error.h"
#include "core/missing_value.h"
#include "market/bar_store.h"
#include "market/features/alpha158.h"
#include "market/features/feature_engine.h"
#include "market/features/reference_features.h"
#include "market_test_util.h"
#include "support/test_support.h"

namespace ae::market::features {
namespace {

// A ticker's columns built from closes: open = previous close, high/low =
// close +/- 1, vwap = close * 1.001, volume 1e6.
struct Columns {
  std::vector<double> open, high, low, close, volume, vwap, spy, sector;
  TickerInput input() const {
    TickerInput in;
    in.open = open;
    in.high = high;
    in.low = low;
    in.close = close;
    in.volume = volume;
    in.vwap = vwap;
    in.spy_close = spy;
    in.sector_close = sector;
    return in;
  }
};

Columns from_closes(const std::vector<double>& closes) {
  Columns c;
  for (std::size_t i = 0; i < closes.size(); ++i) {
    c.close.push_back(closes[i]);
    c.open.push_back(i == 0 ? closes[0] : closes[i - 1]);
    c.high.push_back(std::max(c.open.back(), closes[i]) + 1);
    c.low.push_back(std::min(c.open.back(), closes[i]) - 1);
    c.volume.push_back(1e6);
    c.vwap.push_back(closes[i] * 1.001);
  }
  return c;
}

// Deterministic wiggly prices.
std::vector<double> wave(std::size_t n, double start = 100) {
  std::vector<double> out;
  double p = start;
  for (std::size_t i = 0; i < n; ++i) {
    p *= 1.0 + 0.01 * std::sin(0.7 * static_cast<double>(i)) + 0.001;
    out.push_back(p);
  }
  return out;
}

// First row with a finite value (n if none).
std::size_t first_valid(std::span<const double> x) {
  std::size_t i = 0;
  while (i < x.size() && !std::isfinite(x[i])) ++i;
  return i;
}

TEST(ReferenceFeatures, HasTheRequiredNames) {
  const auto& names = reference_feature_names();
  for (const char* required :
       {"rsi_14", "macd", "macd_signal", "macd_hist", "ema_12", "ema_26", "sma_50", "sma_200",
        "atr_14", "atr_14_pct", "momentum_20d", "realized_vol_20d"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), required), names.end()) << required;
  }
  EXPECT_EQ(names.size(), 29u);
}

TEST(ReferenceFeatures, WarmUpLengthsAreExactAndNaNBefore) {
  Columns c = from_closes(wave(300));
  c.spy = wave(300, 50);
  c.sector = wave(300, 70);
  const FeatureMatrix m = compute_reference_features(c.input());
  const std::vector<std::pair<const char*, std::size_t>> warmups = {{"rsi_14", 14},
                                                                    {"macd", 25},
                                                                    {"macd_signal", 33},
                                                                    {"macd_hist", 33},
                                                                    {"sma_12", 11},
                                                                    {"sma_26", 25},
                                                                    {"sma_50", 49},
                                                                    {"sma_200", 199},
                                                                    {"ema_12", 11},
                                                                    {"ema_26", 25},
                                                                    {"ema_50", 49},
                                                                    {"ema_200", 199},
                                                                    {"price_vs_ma50", 49},
                                                                    {"price_vs_ma200", 199},
                                                                    {"momentum_5d", 5},
                                                                    {"momentum_20d", 20},
                                                                    {"momentum_60d", 60},
                                                                    {"momentum_252d", 252},
                                                                    {"atr_14", 14},
                                                                    {"atr_14_pct", 14},
                                                                    {"realized_vol_20d", 20},
                                                                    {"realized_vol_60d", 60},
                                                                    {"vol_ratio_10_60", 60},
                                                                    {"dist_from_52w_high", 251},
                                                                    {"dist_from_52w_low", 251},
                                                                    {"volume_ratio_20", 19},
                                                                    {"dist_from_vwap", 0},
                                                                    {"beta_60d", 60},
                                                                    {"rel_return_sector_20d", 20}};
  ASSERT_EQ(warmups.size(), reference_feature_names().size());
  for (const auto& [name, row] : warmups) {
    const auto column = m.column(name);
    EXPECT_EQ(first_valid(column), row) << name;
    for (std::size_t i = row; i < column.size(); ++i) {
      ASSERT_TRUE(std::isfinite(column[i])) << name << " row " << i;
    }
  }
}

TEST(ReferenceFeatures, RsiByHand) {
  // Changes alternate +2, -1 for 14 days: average gain 1, loss 0.5, RS 2.
  std::vector<double> closes = {100};
  for (int i = 0; i < 14; ++i) closes.push_back(closes.back() + (i % 2 == 0 ? 2 : -1));
  closes.push_back(closes.back() + 2);  // then gain (13*1+2)/14, loss 13*0.5/14
  const FeatureMatrix m = compute_reference_features(from_closes(closes).input());
  const auto rsi = m.column("rsi_14");
  EXPECT_TRUE(std::isnan(rsi[13]));
  EXPECT_NEAR(rsi[14], 100.0 - 100.0 / 3.0, 1e-9);
  EXPECT_NEAR(rsi[15], 100.0 - 100.0 / (1.0 + 15.0 / 6.5), 1e-9);
  // Only gains: RSI 100.
  std::vector<double> up(16);
  std::iota(up.begin(), up.end(), 10.0);
  EXPECT_DOUBLE_EQ(compute_reference_features(from_closes(up).input()).column("rsi_14")[15], 100.0);
}

TEST(ReferenceFeatures, AtrByHand) {
  // Flat closes at 50 with high/low 51/49: every true range is 2.
  Columns c = from_closes(std::vector<double>(20, 50.0));
  const FeatureMatrix m = compute_reference_features(c.input());
  EXPECT_TRUE(std::isnan(m.column("atr_14")[13]));
  EXPECT_DOUBLE_EQ(m.column("atr_14")[14], 2.0);
  EXPECT_DOUBLE_EQ(m.column("atr_14_pct")[19], 0.04);
  // A gap: previous close 50, today's range [55, 57]: TR = 57 - 50 = 7.
  c.close.push_back(56);
  c.open.push_back(56);
  c.high.push_back(57);
  c.low.push_back(55);
  c.volume.push_back(1e6);
  c.vwap.push_back(56);
  const auto features = compute_reference_features(c.input());  // column() is a view into it
  const auto atr = features.column("atr_14");
  EXPECT_DOUBLE_EQ(atr[20], (2.0 * 13 + 7) / 14);
}

TEST(ReferenceFeatures, MomentumMovingAveragesAndUnitsAreDecimals) {
  const auto closes = wave(260);
  Columns c = from_closes(closes);
  const FeatureMatrix m = compute_reference_features(c.input());
  const std::size_t t = 259;
  EXPECT_NEAR(m.column("momentum_5d")[t], closes[t] / closes[t - 5] - 1, 1e-12);
  EXPECT_NEAR(m.column("momentum_252d")[t], closes[t] / closes[t - 252] - 1, 1e-12);
  const double sma50 = std::accumulate(closes.begin() + 210, closes.end(), 0.0) / 50;
  EXPECT_NEAR(m.column("sma_50")[t], sma50, 1e-9);
  EXPECT_NEAR(m.column("price_vs_ma50")[t], closes[t] / sma50 - 1, 1e-9);
  EXPECT_NEAR(m.column("macd")[t], m.column("ema_12")[t] - m.column("ema_26")[t], 1e-12);
  EXPECT_NEAR(m.column("macd_hist")[t], m.column("macd")[t] - m.column("macd_signal")[t], 1e-12);
  EXPECT_NEAR(m.column("dist_from_vwap")[t], 1 / 1.001 - 1, 1e-12);
  double high = 0, low = 1e9;
  for (std::size_t i = t - 251; i <= t; ++i) {
    high = std::max(high, c.high[i]);
    low = std::min(low, c.low[i]);
  }
  EXPECT_NEAR(m.column("dist_from_52w_high")[t], closes[t] / high - 1, 1e-12);
  EXPECT_NEAR(m.column("dist_from_52w_low")[t], closes[t] / low - 1, 1e-12);
  EXPECT_LE(m.column("dist_from_52w_high")[t], 0);
  // Daily wiggles of ~1%: annualised vol is a decimal around 0.1, not 10.
  EXPECT_GT(m.column("realized_vol_20d")[t], 0.03);
  EXPECT_LT(m.column("realized_vol_20d")[t], 0.5);
}

TEST(ReferenceFeatures, RealizedVolatilityByHand) {
  const auto closes = wave(30);
  const FeatureMatrix m = compute_reference_features(from_closes(closes).input());
  std::vector<double> r;
  for (std::size_t i = 10; i <= 29; ++i) r.push_back(closes[i] / closes[i - 1] - 1);
  const double mean = std::accumulate(r.begin(), r.end(), 0.0) / 20;
  double ss = 0;
  for (double v : r) ss += (v - mean) * (v - mean);
  EXPECT_NEAR(m.column("realized_vol_20d")[29], std::sqrt(ss / 19) * std::sqrt(252.0), 1e-12);
}

TEST(ReferenceFeatures, BetaVolumeRatioAndSectorRelativeReturn) {
  const auto spy = wave(80, 400);
  std::vector<double> closes;  // log returns exactly twice SPY's
  for (double s : spy) closes.push_back(10 * (s / spy[0]) * (s / spy[0]));
  Columns c = from_closes(closes);
  c.spy = spy;
  c.sector = std::vector<double>(80, 30.0);  // a flat sector ETF
  c.volume.back() = 2e6;
  const FeatureMatrix m = compute_reference_features(c.input());
  EXPECT_TRUE(std::isnan(m.column("beta_60d")[59]));
  EXPECT_NEAR(m.column("beta_60d")[60], 2.0, 1e-9);
  EXPECT_NEAR(m.column("beta_60d")[79], 2.0, 1e-9);
  EXPECT_NEAR(m.column("volume_ratio_20")[79], 2e6 / (21e6 / 20), 1e-12);
  EXPECT_NEAR(m.column("rel_return_sector_20d")[79], m.column("momentum_20d")[79], 1e-12);
  // No SPY / sector inputs: NaN, never 0.
  c.spy.clear();
  c.sector.clear();
  const FeatureMatrix bare = compute_reference_features(c.input());
  EXPECT_TRUE(std::isnan(bare.column("beta_60d")[79]));
  EXPECT_TRUE(std::isnan(bare.column("rel_return_sector_20d")[79]));
}

// A NaN in the last row of an input makes the passes keep their finiteness
// checks (the inputs are no longer tame); every row before it is the same,
// bit for bit, as computed without the checks.
TEST(ReferenceFeatures, ChecksOnOrOffGiveTheSameBits) {
  Columns c = from_closes(wave(400));
  c.spy = wave(400, 50);
  c.sector = wave(400, 70);
  const FeatureMatrix unchecked = compute_reference_features(c.input());
  for (auto column :
       {&Columns::close, &Columns::high, &Columns::low, &Columns::volume, &Columns::spy}) {
    Columns holed = c;
    (holed.*column).back() = NAN;
    const FeatureMatrix checked = compute_reference_features(holed.input());
    for (std::size_t f = 0; f < unchecked.names().size(); ++f) {
      EXPECT_EQ(std::memcmp(checked.column(f).data(), unchecked.column(f).data(),
                            (c.close.size() - 1) * sizeof(double)),
                0)
          << unchecked.names()[f];
    }
  }
}

TEST(Alpha158, HasQlibsNamesInOrder) {
  const auto& names = alpha158_feature_names();
  ASSERT_EQ(names.size(), 158u);
  EXPECT_EQ(names[0], "KMID");
  EXPECT_EQ(names[12], "VWAP0");
  EXPECT_EQ(names[13], "ROC5");
  EXPECT_EQ(names[17], "ROC60");
  EXPECT_EQ(names[157], "VSUMD60");
}

TEST(Alpha158, KbarAndRollingValuesByHand) {
  Columns c = from_closes({10, 11, 12, 11, 13, 14, 12});
  // Make the last bar explicit: open 13, high 15, low 11, close 12.
  c.open[6] = 13;
  c.high[6] = 15;
  c.low[6] = 11;
  c.volume = {100, 200, 300, 400, 500, 600, 700};
  const FeatureMatrix m = compute_alpha158_features(c.input());
  EXPECT_NEAR(m.column("KMID")[6], (12.0 - 13) / 13, 1e-12);
  EXPECT_NEAR(m.column("KLEN")[6], 4.0 / 13, 1e-12);
  EXPECT_NEAR(m.column("KUP")[6], (15.0 - 13) / 13, 1e-12);
  EXPECT_NEAR(m.column("KLOW2")[6], (12.0 - 11) / (4 + 1e-12), 1e-12);
  EXPECT_NEAR(m.column("KSFT")[6], (24.0 - 15 - 11) / 13, 1e-12);
  EXPECT_NEAR(m.column("HIGH0")[6], 15.0 / 12, 1e-12);
  // ROC5 = close[t-5] / close[t]; first at row 5.
  EXPECT_TRUE(std::isnan(m.column("ROC5")[4]));
  EXPECT_NEAR(m.column("ROC5")[6], 11.0 / 12, 1e-12);
  // MA5 over {12, 11, 13, 14, 12} / 12.
  EXPECT_TRUE(std::isnan(m.column("MA5")[3]));
  EXPECT_NEAR(m.column("MA5")[6], 62.0 / 5 / 12, 1e-12);
  // CNTP5 over the changes of rows 2..6: +1, -1, +2, +1, -2 -> 3 ups of 5.
  EXPECT_TRUE(std::isnan(m.column("CNTP5")[4]));
  EXPECT_NEAR(m.column("CNTP5")[6], 0.6, 1e-12);
  EXPECT_NEAR(m.column("CNTD5")[6], 0.2, 1e-12);
  // SUMP5: gains 1+2+1 = 4 of |changes| 7.
  EXPECT_NEAR(m.column("SUMP5")[6], 4.0 / (7 + 1e-12), 1e-12);
  // RANK5: 12 among {12, 11, 13, 14, 12}: 1 below, 2 equal -> (1 + 1.5) / 5.
  EXPECT_NEAR(m.column("RANK5")[6], 0.5, 1e-12);
  // VMA5: mean(300..700) / 700.
  EXPECT_NEAR(m.column("VMA5")[6], 500.0 / (700 + 1e-12), 1e-12);
  // IMAX5: highs of rows 2..6 are 13, 13, 14, 15, 15; ties go to the first
  // (numpy argmax), position 4 of 5.
  EXPECT_NEAR(m.column("IMAX5")[6], 0.8, 1e-12);
  // 60-day windows are NaN on 7 rows, never 0.
  EXPECT_TRUE(std::isnan(m.column("MA60")[6]));
  EXPECT_TRUE(std::isnan(m.column("CORR60")[6]));
}

class FeatureEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto& calendar = store.calendar();
    const auto from = core::parse_date("2025-01-02");
    auto put = [&](const std::string& symbol, const std::vector<double>& closes) {
      store.write(symbol,
                  series_from_bars(test::make_bars(calendar, from, closes), calendar, symbol));
    };
    put("SPY", wave(120, 500));
    put("XLK", wave(120, 200));
    auto tech = test::make_bars(calendar, from, wave(120, 40));
    tech.erase(tech.begin() + 50);  // a missing bar
    store.write("TECH", series_from_bars(tech, calendar, "TECH"));
    put("OTHER", wave(120, 60));
    // Listed after SPY's and XLK's first bar, and before it.
    store.write("LATE", series_from_bars(
                            test::make_bars(calendar, core::parse_date("2025-02-03"), wave(70, 30)),
                            calendar, "LATE"));
    store.write("EARLY", series_from_bars(test::make_bars(calendar, core::parse_date("2024-12-02"),
                                                          wave(90, 70)),
                                          calendar, "EARLY"));
    Universe universe;
    Constituent c;
    c.ticker = "OTHER";
    c.sector = Sector::kEnergy;
    universe.constituents.push_back(c);
    c.sector = Sector::kTechnology;
    for (const char* ticker : {"TECH", "LATE", "EARLY"}) {
      c.ticker = ticker;
      universe.constituents.push_back(c);
    }
    universe.macro_symbols = default_macro_symbols();
    store.write_universe(universe);
  }
  ae::test::TempDir dir;
  BarStore store{dir.path()};
};

TEST_F(FeatureEngineTest, DropsMissingRowsAndLinesUpSpyAndTheSectorEtf) {
  const FeatureEngine engine(store);
  const SymbolFeatures tech = engine.compute("TECH", FeatureSet::kReference);
  ASSERT_EQ(tech.day_indices.size(), 119u);
  EXPECT_EQ(tech.day_indices[50] - tech.day_indices[49], 2);  // skipped the missing day
  EXPECT_TRUE(std::isfinite(tech.values.column("beta_60d")[118]));
  EXPECT_TRUE(std::isfinite(tech.values.column("rel_return_sector_20d")[118]));
  // OTHER's sector ETF (XLE) is not stored: NaN, never 0.
  const SymbolFeatures other = engine.compute("OTHER", FeatureSet::kReference);
  EXPECT_TRUE(std::isnan(other.values.column("rel_return_sector_20d")[119]));
  EXPECT_THROW(engine.compute("NOPE", FeatureSet::kReference), core::NotFound);
}

// The closes of `symbol` on each calendar index of `days`, NaN where absent.
std::vector<double> field_on_days(const BarStore& store, const std::string& symbol, Field field,
                                  const std::vector<std::int32_t>& days) {
  const SeriesView view = store.read(symbol);
  std::vector<double> out;
  for (const std::int32_t day : days) {
    const bool covered = day >= view.start_index() && day < view.end_index();
    out.push_back(covered ? view.field(field)[static_cast<std::size_t>(day - view.start_index())]
                          : core::kNaN);
  }
  return out;
}

bool same_bits(std::span<const double> a, std::span<const double> b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

TEST_F(FeatureEngineTest, GivesTheFeaturesOfItsInputsWhetherItCopiesThemOrNot) {
  // TECH has a hole (its fields are copied), LATE lies within SPY's and XLK's
  // dates (the engine reads their mapped columns) and EARLY starts before
  // them (their closes are copied, NaN before their first bar). Each gives
  // the features of the inputs built here by hand, bit for bit, from
  // compute and from compute_all alike.
  const FeatureEngine engine(store);
  const std::vector<std::string> symbols = {"TECH", "LATE", "EARLY", "OTHER"};
  const auto all = engine.compute_all(symbols, FeatureSet::kReference, 2);
  for (std::size_t s = 0; s < symbols.size(); ++s) {
    const SymbolFeatures one = engine.compute(symbols[s], FeatureSet::kReference);
    const auto& days = one.day_indices;
    Columns c;
    c.open = field_on_days(store, symbols[s], Field::kOpen, days);
    c.high = field_on_days(store, symbols[s], Field::kHigh, days);
    c.low = field_on_days(store, symbols[s], Field::kLow, days);
    c.close = field_on_days(store, symbols[s], Field::kClose, days);
    c.volume = field_on_days(store, symbols[s], Field::kVolume, days);
    c.vwap = field_on_days(store, symbols[s], Field::kVwap, days);
    c.spy = field_on_days(store, "SPY", Field::kClose, days);
    if (symbols[s] != "OTHER") c.sector = field_on_days(store, "XLK", Field::kClose, days);
    const FeatureMatrix want = compute_reference_features(c.input());
    EXPECT_EQ(all[s].day_indices, days);
    for (std::size_t f = 0; f < want.names().size(); ++f) {
      EXPECT_TRUE(same_bits(one.values.column(f), want.column(f))) << symbols[s] << " " << f;
      EXPECT_TRUE(same_bits(all[s].values.column(f), want.column(f))) << symbols[s] << " " << f;
    }
  }
  EXPECT_EQ(all[0].day_indices.size(), 119u);
  EXPECT_TRUE(std::isnan(all[2].values.column("beta_60d")[30]));  // SPY not yet there
  EXPECT_TRUE(std::isfinite(all[1].values.column("beta_60d")[69]));
}

TEST_F(FeatureEngineTest, ResultsDoNotDependOnTheThreadCount) {
  const FeatureEngine engine(store);
  const std::vector<std::string> symbols = {"OTHER", "SPY", "TECH", "XLK"};
  const auto one = engine.compute_all(symbols, FeatureSet::kReference, 1);
  const auto three = engine.compute_all(symbols, FeatureSet::kReference, 3);
  ASSERT_EQ(one.size(), 4u);
  for (std::size_t s = 0; s < symbols.size(); ++s) {
    EXPECT_EQ(one[s].symbol, symbols[s]);
    for (std::size_t f = 0; f < one[s].values.names().size(); ++f) {
      const auto a = one[s].values.column(f), b = three[s].values.column(f);
      for (std::size_t r = 0; r < a.size(); ++r) {
        ASSERT_TRUE((std::isnan(a[r]) && std::isnan(b[r])) || a[r] == b[r]);
      }
    }
  }
  EXPECT_THROW(engine.compute_all({"TECH", "NOPE"}, FeatureSet::kAlpha158, 2), core::NotFound);
  EXPECT_THROW(parse_feature_set("percent"), core::InvalidInput);
}

}  // namespace
}  // namespace ae::market::features
