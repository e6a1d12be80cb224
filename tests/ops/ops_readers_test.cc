// ops::AlarmStateReader and ops::MetricReader read ops.db read-only: an absent
// database is nullopt and is not created, an empty one reads as nothing, and
// what the alarm service and the metric store wrote comes back in their order.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "ops/alarm_service.h"
#include "ops/alarm_state_reader.h"
#include "ops/metric_reader.h"
#include "ops/metric_store.h"
#include "ops/ops_database.h"
#include "support/test_support.h"

namespace ae::ops {
namespace {

TEST(OpsReaders, AbsentDatabaseIsNulloptAndIsNotCreated) {
  ae::test::TempDir dir;
  EXPECT_FALSE(AlarmStateReader::open(dir.path() / "ops.db"));
  EXPECT_FALSE(MetricReader::open(dir.path() / "ops.db"));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(OpsReaders, DatabaseWithoutTablesReadsAsNothing) {
  ae::test::TempDir dir;
  { core::Database empty(dir.path() / "ops.db"); }
  const auto alarms = AlarmStateReader::open(dir.path() / "ops.db");
  ASSERT_TRUE(alarms);
  EXPECT_TRUE(alarms->states().empty());
  EXPECT_TRUE(alarms->firing().empty());
  EXPECT_TRUE(alarms->state("a").is_null());
  EXPECT_TRUE(alarms->history(10).empty());
  EXPECT_TRUE(alarms->history("a", 10).empty());
  EXPECT_TRUE(MetricReader::open(dir.path() / "ops.db")->samples("m").empty());
}

TEST(OpsReaders, ReadWhatTheServiceAndTheStoreWrote) {
  ae::test::TempDir dir;
  const auto path = dir.path() / "ops.db";
  const auto t0 = core::parse_timestamp("2026-04-27T13:00:00Z");
  {
    auto database = open_ops_database(path);
    MetricStore metrics(*database);
    metrics.put_metric({"AlphaEngine/Predictor", "m", {}, 3, "Count", t0 + std::chrono::hours(2)});
    metrics.put_metric({"AlphaEngine", "m", {{"Process", "x"}}, 1, "Count", t0});
    metrics.put_metric({"AlphaEngine", "other", {}, 9, "Count", t0});
    AlarmDefinition firing;
    firing.alarm_name = "b-firing";
    firing.metric = {"AlphaEngine", "m", {{"Process", "x"}}};
    firing.statistic = parse_statistic("Maximum");
    firing.period = std::chrono::hours(1);
    firing.threshold = 1;
    firing.comparison = parse_comparison("GreaterThanOrEqualToThreshold");
    AlarmDefinition quiet = firing;
    quiet.alarm_name = "a-quiet";
    quiet.threshold = 100;
    core::VirtualClock clock(t0 + std::chrono::hours(1));
    AlarmService service(*database, clock, nullptr);
    service.evaluate_all({firing, quiet});
  }
  const auto samples = MetricReader::open(path)->samples("m");
  ASSERT_EQ(samples.size(), 2u);
  EXPECT_EQ(samples[0].timestamp, t0);
  EXPECT_EQ(samples[0].value, 1);
  EXPECT_EQ(samples[1].value, 3);

  const auto alarms = AlarmStateReader::open(path);
  const auto states = alarms->states();
  ASSERT_EQ(states.size(), 2u);
  EXPECT_EQ(states[0]["alarm_name"], "b-firing");  // ALARM first
  EXPECT_EQ(states[0]["state"], "ALARM");
  EXPECT_EQ(states[1]["state"], "OK");
  const auto firing = alarms->firing();
  ASSERT_EQ(firing.size(), 1u);
  EXPECT_EQ(firing[0]["alarm_name"], "b-firing");
  EXPECT_FALSE(firing[0].contains("state"));
  EXPECT_EQ(alarms->state("a-quiet")["state"], "OK");
  EXPECT_TRUE(alarms->state("unknown").is_null());
  const auto history = alarms->history(10);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["alarm_name"], "a-quiet");  // same instant: the later transition first
  EXPECT_EQ(history[1]["alarm_name"], "b-firing");
  const auto one = alarms->history("b-firing", 10);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0]["old_state"], "INSUFFICIENT_DATA");
  EXPECT_EQ(one[0]["new_state"], "ALARM");
  EXPECT_FALSE(one[0].contains("alarm_name"));
  EXPECT_EQ(alarms->history(1).size(), 1u);
}

}  // namespace
}  // namespace ae::ops
