#include "ops/health.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "support/test_support.h"

namespace ae::ops {
namespace {

core::Timestamp at(const char* text) { return core::parse_timestamp(text); }

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

TEST(Health, VerdictsFollowTheReferenceThresholdsAndFailClosed) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  const auto now = at("2026-04-20T20:00:00Z");
  write_health(store, record("executor", core::HealthStatus::kOk, at("2026-04-20T17:00:00Z")));
  write_health(store,
               record("predictor_inference", core::HealthStatus::kOk, at("2026-04-20T15:59:00Z")));
  write_health(store,
               record("eod_reconcile", core::HealthStatus::kFailed, at("2026-04-20T19:00:00Z")));
  write_health(store,
               record("research", core::HealthStatus::kDegraded, at("2026-04-18T00:00:00Z")));
  write_health(store,
               record("predictor_training", core::HealthStatus::kOk, at("2026-04-12T19:00:00Z")));
  write_health(store, record("dashboard", core::HealthStatus::kOk,
                             at("2026-01-01T00:00:00Z")));  // no threshold
  store.put("health/price_fetcher.json", "{not json");

  const auto rows = check_health(store, now, reference_staleness_thresholds());
  EXPECT_EQ(row_of(rows, "executor").verdict, HealthVerdict::kOk);
  EXPECT_EQ(row_of(rows, "predictor_inference").verdict, HealthVerdict::kStale);  // 4h01m
  EXPECT_EQ(row_of(rows, "eod_reconcile").verdict, HealthVerdict::kFailed);
  EXPECT_EQ(row_of(rows, "eod_reconcile").detail, "boom");
  EXPECT_EQ(row_of(rows, "research").verdict, HealthVerdict::kDegraded);
  EXPECT_FALSE(row_of(rows, "research").is_problem());
  EXPECT_EQ(row_of(rows, "predictor_training").verdict, HealthVerdict::kStale);  // 8d1h > 192h
  EXPECT_EQ(row_of(rows, "dashboard").verdict, HealthVerdict::kOk);
  EXPECT_EQ(row_of(rows, "price_fetcher").verdict, HealthVerdict::kUnreadable);
  EXPECT_TRUE(row_of(rows, "price_fetcher").is_problem());
}

TEST(Health, MissingModuleWithAThresholdIsAProblem) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  const auto rows =
      check_health(store, at("2026-04-20T20:00:00Z"), {{"executor", std::chrono::hours(4)}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].verdict, HealthVerdict::kMissing);
  EXPECT_TRUE(rows[0].is_problem());
}

}  // namespace
}  // namespace ae::ops
