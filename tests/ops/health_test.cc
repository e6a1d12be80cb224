#include "ops/health.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "support/test_support.h"

namespace ae::ops {
namespace {

core::Timestamp at(const char* text) { return core::parse_timestamp(text); }

const core::NyseCalendar& calendar() {
  static const core::NyseCalendar nyse;
  return nyse;
}

core::HealthRecord record(const std::string& module, core::HealthStatus status,
                          std::optional<core::Timestamp> last_success) {
  core::HealthRecord r;
  r.module = module;
  r.status = status;
  r.last_success = last_success;
  r.run_date = core::parse_date("2026-04-20");
  if (status == core::HealthStatus::kFailed) r.error = "boom";
  return r;
}

const HealthRow& row_of(const std::vector<HealthRow>& rows, const std::string& module) {
  for (const auto& row : rows)
    if (row.module == module) return row;
  throw core::NotFound(module);
}

TEST(Health, VerdictsFollowTheFreshnessRulesAndFailClosed) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  const auto now = at("2026-04-20T20:00:00Z");  // Monday 16:00 New York, the close
  write_health(store, record("executor", core::HealthStatus::kOk, at("2026-04-20T13:15:00Z")));
  write_health(store,  // Friday's run, none today
               record("predictor_inference", core::HealthStatus::kOk, at("2026-04-17T13:05:00Z")));
  write_health(store,
               record("eod_reconcile", core::HealthStatus::kFailed, at("2026-04-17T21:00:00Z")));
  write_health(store,  // Friday 17:00 New York: today's is not due before 17:30
               record("daily_data", core::HealthStatus::kOk, at("2026-04-17T21:00:00Z")));
  write_health(store,
               record("research", core::HealthStatus::kDegraded, at("2026-04-18T00:00:00Z")));
  write_health(store,
               record("predictor_training", core::HealthStatus::kOk, at("2026-04-12T19:00:00Z")));
  write_health(store, record("dashboard", core::HealthStatus::kOk,
                             at("2026-01-01T00:00:00Z")));  // no rule
  store.put("health/price_fetcher.json", "{not json");

  const auto rows = check_health(store, now, default_freshness_rules(), calendar());
  EXPECT_EQ(row_of(rows, "executor").verdict, HealthVerdict::kOk);
  EXPECT_EQ(row_of(rows, "predictor_inference").verdict, HealthVerdict::kStale);
  EXPECT_EQ(row_of(rows, "predictor_inference").detail,
            "no success for the 2026-04-20 session (due 09:30 ET); last success 78.9h ago");
  EXPECT_EQ(row_of(rows, "eod_reconcile").verdict, HealthVerdict::kFailed);
  EXPECT_EQ(row_of(rows, "eod_reconcile").detail, "boom");
  EXPECT_EQ(row_of(rows, "daily_data").verdict, HealthVerdict::kOk);
  EXPECT_EQ(row_of(rows, "research").verdict, HealthVerdict::kDegraded);
  EXPECT_FALSE(row_of(rows, "research").is_problem());
  EXPECT_EQ(row_of(rows, "predictor_training").verdict, HealthVerdict::kStale);  // 8d1h > 192h
  EXPECT_EQ(row_of(rows, "predictor_training").detail, "last success 193.0h ago, threshold 192h");
  EXPECT_EQ(row_of(rows, "dashboard").verdict, HealthVerdict::kOk);
  EXPECT_FALSE(row_of(rows, "dashboard").rule);
  EXPECT_EQ(row_of(rows, "price_fetcher").verdict, HealthVerdict::kUnreadable);
  EXPECT_TRUE(row_of(rows, "price_fetcher").is_problem());
}

// The morning's runs: predictor_inference, then the executor (the planner).
void write_morning(core::FileSystemStore& store, const std::string& predicted_at,
                   const std::string& planned_at) {
  write_health(store,
               record("predictor_inference", core::HealthStatus::kOk, at(predicted_at.c_str())));
  write_health(store, record("executor", core::HealthStatus::kOk, at(planned_at.c_str())));
}

// The daily modules as a trading day leaves them: the morning's runs at 09:05
// and 09:15 New York (EDT), the end of day's at 16:30.
void write_one_day(core::FileSystemStore& store, const std::string& day) {
  write_morning(store, day + "T13:05:00Z", day + "T13:15:00Z");
  write_health(store,
               record("eod_reconcile", core::HealthStatus::kOk, at((day + "T20:30:00Z").c_str())));
  write_health(store,
               record("daily_data", core::HealthStatus::kOk, at((day + "T20:30:00Z").c_str())));
}

std::vector<std::string> stale_daily_modules(const core::FileSystemStore& store, const char* now) {
  std::vector<std::string> stale;
  for (const auto& row : check_health(store, at(now), default_freshness_rules(), calendar()))
    if (row.module != "research" && row.module != "predictor_training" && row.is_problem())
      stale.push_back(row.module);
  return stale;
}

using Modules = std::vector<std::string>;

TEST(Health, ADailyModuleIsDueOncePerSessionNotEveryFewHours) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  write_one_day(store, "2026-04-17");  // a Friday (EDT: New York is UTC-4)
  // The weekend and the Monday morning before the runs: nothing is due since
  // Friday's (hours since the last success would say 68 h).
  EXPECT_EQ(stale_daily_modules(store, "2026-04-18T12:00:00Z"), Modules{});
  EXPECT_EQ(stale_daily_modules(store, "2026-04-20T13:00:00Z"), Modules{});
  // Monday after the open and after 10:00: the morning modules are due.
  EXPECT_EQ(stale_daily_modules(store, "2026-04-20T13:31:00Z"), Modules{"predictor_inference"});
  EXPECT_EQ(stale_daily_modules(store, "2026-04-20T14:01:00Z"),
            (Modules{"executor", "predictor_inference"}));
  // Monday's morning runs happen; the end of day's are due at 17:30.
  write_morning(store, "2026-04-20T13:05:00Z", "2026-04-20T13:15:00Z");
  EXPECT_EQ(stale_daily_modules(store, "2026-04-20T21:29:00Z"), Modules{});
  EXPECT_EQ(stale_daily_modules(store, "2026-04-20T21:31:00Z"),
            (Modules{"daily_data", "eod_reconcile"}));
}

TEST(Health, HolidaysAndEarlyClosesMoveTheDueTimes) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  write_one_day(store, "2026-04-02");  // the Thursday before Good Friday
  EXPECT_EQ(stale_daily_modules(store, "2026-04-03T20:00:00Z"), Modules{});  // Good Friday
  EXPECT_EQ(stale_daily_modules(store, "2026-04-06T13:00:00Z"), Modules{});  // Monday 09:00
  write_one_day(store, "2026-11-25");  // the Wednesday before Thanksgiving
  // The day after Thanksgiving closes at 13:00 (EST: New York is UTC-5), so
  // its end of day is due at 14:30.
  EXPECT_EQ(stale_daily_modules(store, "2026-11-27T15:01:00Z"),
            (Modules{"executor", "predictor_inference"}));
  write_morning(store, "2026-11-27T14:05:00Z", "2026-11-27T14:15:00Z");
  EXPECT_EQ(stale_daily_modules(store, "2026-11-27T19:29:00Z"), Modules{});
  EXPECT_EQ(stale_daily_modules(store, "2026-11-27T19:31:00Z"),
            (Modules{"daily_data", "eod_reconcile"}));
  const auto rows =
      check_health(store, at("2026-11-27T19:31:00Z"), default_freshness_rules(), calendar());
  EXPECT_EQ(row_of(rows, "eod_reconcile").detail,
            "no success for the 2026-11-27 session (due 14:30 ET); last success 47.0h ago");
}

TEST(Health, MissingModuleWithARuleIsAProblem) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  const auto rows =
      check_health(store, at("2026-04-20T20:00:00Z"),
                   {{"executor", FreshnessRule::max_age(std::chrono::hours(4))}}, calendar());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].verdict, HealthVerdict::kMissing);
  EXPECT_TRUE(rows[0].is_problem());
}

TEST(Health, RulesDescribeThemselves) {
  const auto& rules = default_freshness_rules();
  EXPECT_EQ(rules.at("predictor_inference").describe(), "each session by open");
  EXPECT_EQ(rules.at("executor").describe(), "each session by open+30m");
  EXPECT_EQ(rules.at("eod_reconcile").describe(), "each session by close+90m");
  EXPECT_EQ(rules.at("research").describe(), "192h");
}

TEST(Health, ACheckIsRecordedAsTheNumberOfProblemModules) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  const auto now = at("2026-04-20T22:00:00Z");
  core::RecordingMetricSink sink;
  emit_health_check(sink, check_health(store, now, default_freshness_rules(), calendar()), now);
  write_one_day(store, "2026-04-20");
  write_health(store, record("research", core::HealthStatus::kOk, at("2026-04-18T00:00:00Z")));
  write_health(store,
               record("predictor_training", core::HealthStatus::kOk, at("2026-04-18T01:00:00Z")));
  emit_health_check(sink, check_health(store, now, default_freshness_rules(), calendar()), now);
  const auto data = sink.data();
  ASSERT_EQ(data.size(), 2u);
  EXPECT_EQ(data[0].name_space, "AlphaEngine");
  EXPECT_EQ(data[0].name, "HealthChecksFailed");
  EXPECT_EQ(data[0].unit, "Count");
  EXPECT_EQ(data[0].timestamp, now);
  EXPECT_EQ(data[0].value, 6);  // every module with a rule is missing
  EXPECT_EQ(data[1].value, 0);
}

}  // namespace
}  // namespace ae::ops
