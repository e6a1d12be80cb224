#include "market/quality.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "core/error.h"
#include "market/bar_store.h"
#include "market_test_util.h"
#include "support/test_support.h"

namespace ae::market {
namespace {

using core::parse_date;

using test::calendar;

// 25 clean bars with the last one edited by `edit`.
BarSeries series_with_last(const std::function<void(Bar&)>& edit) {
  std::vector<double> closes(25, 100.0);
  auto bars = test::make_bars(calendar(), parse_date("2026-03-02"), closes);
  edit(bars.back());
  return series_from_bars(bars, calendar(), "TEST");
}

struct GateCase {
  const char* name;
  std::function<void(Bar&)> edit;
  Severity severity;
  const char* field;
};

class GateTest : public ::testing::TestWithParam<GateCase> {};

TEST_P(GateTest, FlagsTheLastBarWithTickerDateAndField) {
  const GateCase& c = GetParam();
  const auto issues = check_series("TEST", series_with_last(c.edit), calendar());
  ASSERT_EQ(issues.size(), 1u) << c.name;
  EXPECT_EQ(issues[0].severity, c.severity);
  EXPECT_EQ(issues[0].field, c.field);
  EXPECT_EQ(issues[0].symbol, "TEST");
  const std::string text = issues[0].describe();
  EXPECT_NE(text.find("TEST 2026-04-06 " + std::string(c.field)), std::string::npos) << text;
}

INSTANTIATE_TEST_SUITE_P(
    Gates, GateTest,
    ::testing::Values(
        GateCase{"high<low", [](Bar& b) { b.high = b.low - 1; }, Severity::kBlocking, "high"},
        GateCase{"close<=0", [](Bar& b) { b.close = 0; }, Severity::kBlocking, "close"},
        GateCase{"close>high", [](Bar& b) { b.close = b.high + 1; }, Severity::kBlocking, "close"},
        GateCase{"close<low", [](Bar& b) { b.close = b.low - 0.5; }, Severity::kBlocking, "close"},
        GateCase{"negative volume", [](Bar& b) { b.volume = -5; }, Severity::kBlocking, "volume"},
        GateCase{"NaN open", [](Bar& b) { b.open = NAN; }, Severity::kBlocking, "open"},
        GateCase{"NaN volume", [](Bar& b) { b.volume = NAN; }, Severity::kBlocking, "volume"},
        GateCase{"negative low", [](Bar& b) { b.low = -1; }, Severity::kBlocking, "low"},
        GateCase{"zero factor", [](Bar& b) { b.factor = 0; }, Severity::kBlocking, "factor"},
        GateCase{"60% jump",
                 [](Bar& b) {
                   b.close = 160;
                   b.high = 165;
                   b.low = 150;
                   b.open = 155;
                 },
                 Severity::kWarning, "close"},
        GateCase{"volume spike", [](Bar& b) { b.volume = 1.2e7; }, Severity::kWarning, "volume"},
        GateCase{"open outside range", [](Bar& b) { b.open = b.high * 1.01; }, Severity::kWarning,
                 "open"}),
    [](const auto& param_info) {
      std::string name;
      for (char ch : std::string(param_info.param.name))
        name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
      return name;
    });

TEST(QualityGates, CleanSeriesAndMissingRowsPass) {
  auto series = series_with_last([](Bar&) {});
  series.set_row(10, Bar{});  // a missing bar
  EXPECT_TRUE(check_series("TEST", series, calendar()).empty());
}

TEST(QualityGates, AZeroVolumeIsAWarningOnlyInASeriesThatTrades) {
  const auto zero_last = series_with_last([](Bar& b) { b.volume = 0; });
  const auto issues = check_series("TEST", zero_last, calendar());
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].kind, IssueKind::kZeroVolume);
  EXPECT_EQ(issues[0].date, parse_date("2026-04-06"));  // the last bar

  // An index (VIX) has no volume on any day: no warning for each of them.
  std::vector<double> closes(30, 20.0);
  auto bars = test::make_bars(calendar(), parse_date("2026-03-02"), closes);
  for (auto& bar : bars) bar.volume = 0;
  EXPECT_TRUE(check_series("VIX", series_from_bars(bars, calendar(), "VIX"), calendar()).empty());
  // It starts trading: a zero after that is news again.
  for (std::size_t i = 10; i < bars.size(); ++i) bars[i].volume = i == 25 ? 0 : 1e6;
  const auto later = check_series("VIX", series_from_bars(bars, calendar(), "VIX"), calendar());
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].kind, IssueKind::kZeroVolume);
  EXPECT_EQ(later[0].date, bars[25].date);
}

TEST(QualityGates, NineTimesVolumeIsNotASpike) {
  EXPECT_TRUE(
      check_series("TEST", series_with_last([](Bar& b) { b.volume = 9e6; }), calendar()).empty());
}

TEST(QualityGates, AVolumeSpikeIsMeasuredAgainstTheMedianNotTheSmallest) {
  // The 20 volumes before the last bar: 1e6 but for a few much smaller
  // ones, so the last bar's volume is far above their smallest; the median
  // (1e6) alone decides, and the warning gives the ratio to it.
  auto with_small_ones = [](double last_volume, double small) {
    std::vector<double> closes(25, 100.0);
    auto bars = test::make_bars(calendar(), parse_date("2026-03-02"), closes);
    for (const std::size_t i : {6u, 11u, 17u}) bars[i].volume = small;
    bars.back().volume = last_volume;
    return series_from_bars(bars, calendar(), "TEST");
  };
  for (const double small : {1e3, 0.0}) {
    EXPECT_TRUE(check_series("TEST", with_small_ones(9e6, small), calendar()).size() ==
                (small == 0.0 ? 3u : 0u))
        << small;  // zero volumes are warnings of their own
    const auto issues = check_series("TEST", with_small_ones(1.2e7, small), calendar());
    ASSERT_FALSE(issues.empty()) << small;
    EXPECT_EQ(issues.back().kind, IssueKind::kVolumeSpike);
    EXPECT_DOUBLE_EQ(issues.back().magnitude, 12.0);
  }
}

TEST(QualityGates, EnforceThrowsAndTheStoreKeepsTheOldFile) {
  ae::test::TempDir dir;
  BarStore store(dir.path());
  store.write("TEST", series_with_last([](Bar&) {}));
  try {
    store.write("TEST", series_with_last([](Bar& b) { b.close = -1; }));
    FAIL() << "expected InvalidInput";
  } catch (const core::InvalidInput& e) {
    const std::string text = e.what();
    EXPECT_NE(text.find("TEST 2026-04-06 close"), std::string::npos) << text;
  }
  EXPECT_DOUBLE_EQ(store.read("TEST").value_on(Field::kClose, parse_date("2026-04-06")), 100);
  EXPECT_THROW(store.merge("TEST", {[] {
                             auto b = test::make_bar(parse_date("2026-04-07"), 100);
                             b.volume = -1;
                             return b;
                           }()}),
               core::InvalidInput);
  EXPECT_EQ(store.read("TEST").size(), 25u);
}

TEST(QualityGates, WarningsDoNotBlockAWrite) {
  ae::test::TempDir dir;
  BarStore store(dir.path());
  const auto warnings = store.write("TEST", series_with_last([](Bar& b) { b.volume = 5e7; }));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].severity, Severity::kWarning);
  EXPECT_TRUE(store.contains("TEST"));
}

}  // namespace
}  // namespace ae::market
