#include "ops/metric_store.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "ops/ops_database.h"
#include "support/test_support.h"

namespace ae::ops {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

core::Timestamp at(const char* text) { return core::parse_timestamp(text); }

class MetricStoreTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::unique_ptr<core::Database> db = open_ops_database(dir.path() / "ops.db");
  MetricStore store{*db};

  void put(const std::string& name, double value, const char* when, Dimensions dims = {}) {
    store.put_metric({"AlphaEngine/Test", name, std::move(dims), value, "Count", at(when)});
  }
  std::vector<StatisticPoint> query(const std::string& stat, seconds period, Dimensions dims = {}) {
    return store.query({{"AlphaEngine/Test", "m", std::move(dims)},
                        parse_statistic(stat),
                        period,
                        at("2026-04-20T00:00:00Z"),
                        at("2026-04-21T00:00:00Z")});
  }
};

TEST_F(MetricStoreTest, EveryStatisticPerAlignedPeriod) {
  for (int i = 1; i <= 10; ++i)
    put("m", i, ("2026-04-20T13:" + std::to_string(10 + i) + ":00Z").c_str());
  put("m", 100, "2026-04-20T14:00:00Z");  // next hour
  const std::map<std::string, double> expected = {
      {"SampleCount", 10}, {"Sum", 55}, {"Average", 5.5}, {"Minimum", 1},
      {"Maximum", 10},     {"p50", 5},  {"p90", 9},       {"p100", 10}};
  for (const auto& [stat, value] : expected) {
    const auto points = query(stat, hours(1));
    ASSERT_EQ(points.size(), 2u) << stat;
    EXPECT_EQ(points[0].period_start, at("2026-04-20T13:00:00Z"));
    EXPECT_DOUBLE_EQ(points[0].value, value) << stat;
    EXPECT_EQ(points[0].sample_count, 10u);
    EXPECT_EQ(points[1].period_start, at("2026-04-20T14:00:00Z"));
  }
}

TEST_F(MetricStoreTest, DimensionsMatchExactly) {
  put("m", 1, "2026-04-20T13:00:00Z", {{"Process", "executor-daemon"}});
  put("m", 2, "2026-04-20T13:00:00Z", {{"Process", "executor-daemon-start"}});
  put("m", 4, "2026-04-20T13:00:00Z");
  EXPECT_EQ(query("Sum", minutes(5), {{"Process", "executor-daemon"}}).at(0).value, 1);
  EXPECT_EQ(query("Sum", minutes(5)).at(0).value, 4);
  EXPECT_EQ(store.list_series().size(), 3u);
}

TEST_F(MetricStoreTest, RangeIsHalfOpenAndEmptyPeriodsAreAbsent) {
  put("m", 1, "2026-04-21T00:00:00Z");  // == to: excluded
  put("m", 2, "2026-04-20T00:00:00Z");  // == from: included
  put("m", 3, "2026-04-20T02:30:00Z");
  const auto points = query("Sum", hours(1));
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[1].period_start, at("2026-04-20T02:00:00Z"));
}

TEST_F(MetricStoreTest, RejectsBadInput) {
  EXPECT_THROW(put("", 1, "2026-04-20T00:00:00Z"), core::InvalidInput);
  EXPECT_THROW(put("m", std::nan(""), "2026-04-20T00:00:00Z"), core::InvalidInput);
  EXPECT_THROW(parse_statistic("p0"), core::InvalidInput);
  EXPECT_THROW(parse_statistic("p101"), core::InvalidInput);
  EXPECT_THROW(parse_statistic("Median"), core::InvalidInput);
  EXPECT_THROW(parse_dimensions("A"), core::InvalidInput);
  EXPECT_EQ(parse_dimensions("A=1,B=x=y"), (Dimensions{{"A", "1"}, {"B", "x=y"}}));
  EXPECT_EQ(parse_statistic("p99.9").name(), "p99.9");
}

TEST_F(MetricStoreTest, DurableAcrossReopen) {
  put("m", 7, "2026-04-20T05:00:00Z");
  db.reset();
  auto reopened = open_ops_database(dir.path() / "ops.db");
  MetricStore again(*reopened);
  EXPECT_EQ(again.list_series().size(), 1u);
}

TEST(Statistics, LowSampleCountPercentile) {
  EXPECT_TRUE(is_low_sample_count(parse_statistic("p99"), 999));
  EXPECT_FALSE(is_low_sample_count(parse_statistic("p99"), 1000));
  EXPECT_TRUE(is_low_sample_count(parse_statistic("p10"), 99));
  EXPECT_FALSE(is_low_sample_count(parse_statistic("Maximum"), 1));
}

}  // namespace
}  // namespace ae::ops
