// The planner's upstream health gate: hour-based ages for research and the
// predictor, session-based coverage for daily_data (a Monday plan accepts
// Friday's closes; one session older is a hard fail).
#include <gtest/gtest.h>

#include "core/artifact_store.h"
#include "core/contracts/contract.h"
#include "core/contracts/health_writer.h"
#include "executor/errors.h"
#include "executor/planning/gates.h"
#include "support/test_support.h"

namespace ae::executor {
namespace {

const core::Date kFriday = core::parse_date("2026-04-17");
const core::Date kThursday = core::parse_date("2026-04-16");
const core::Timestamp kMondayMorning = core::parse_timestamp("2026-04-20T13:05:00Z");

class UpstreamGate : public ::testing::Test {
 protected:
  void write(const std::string& module, core::Date run_date, core::Timestamp at,
             core::HealthStatus status = core::HealthStatus::kOk) {
    core::write_health(store, module, status, run_date, at, nlohmann::json::object());
  }
  void write_all_fresh() {
    write("research", core::parse_date("2026-04-17"), kMondayMorning - std::chrono::hours(48));
    write("predictor_inference", core::parse_date("2026-04-20"),
          kMondayMorning - std::chrono::minutes(5));
    write("daily_data", kFriday, core::parse_timestamp("2026-04-17T21:00:00Z"));
  }
  std::string failure() {
    try {
      check_upstream_health(store, kMondayMorning, kFriday);
    } catch (const PipelineHardFail& e) {
      return e.what();
    }
    return "";
  }

  ae::test::TempDir dir;
  core::FileSystemStore store{dir.path()};
};

TEST_F(UpstreamGate, MondayAcceptsFridaysClosesAlthoughTheyAreOver26HoursOld) {
  write_all_fresh();
  EXPECT_EQ(failure(), "");
}

TEST_F(UpstreamGate, DailyDataOneSessionBehindIsAHardFail) {
  write_all_fresh();
  write("daily_data", kThursday, core::parse_timestamp("2026-04-16T21:00:00Z"));
  EXPECT_NE(failure().find("daily_data.json covers 2026-04-16, not the last session 2026-04-17"),
            std::string::npos)
      << failure();
}

TEST_F(UpstreamGate, FailedOrMissingModuleIsAHardFail) {
  write_all_fresh();
  write("daily_data", kFriday, kMondayMorning, core::HealthStatus::kFailed);
  EXPECT_NE(failure().find("daily_data.json status is failed"), std::string::npos) << failure();
  store.remove("health/research.json");
  write("daily_data", kFriday, kMondayMorning);
  EXPECT_NE(failure().find("health/research.json is missing"), std::string::npos) << failure();
}

TEST_F(UpstreamGate, PredictorOlderThan26HoursIsAHardFail) {
  write_all_fresh();
  write("predictor_inference", kFriday, kMondayMorning - std::chrono::hours(27));
  EXPECT_NE(failure().find("predictor_inference.json last succeeded 27.0 h ago"), std::string::npos)
      << failure();
}

TEST_F(UpstreamGate, AFailedRunKeepsThePreviousLastSuccess) {
  write("daily_data", kFriday, core::parse_timestamp("2026-04-17T21:00:00Z"));
  write("daily_data", kFriday, kMondayMorning, core::HealthStatus::kFailed);
  const auto record = core::read_contract(store, core::Contract::kHealth, "health/daily_data.json")
                          .get<core::HealthRecord>();
  ASSERT_TRUE(record.last_success.has_value());
  EXPECT_EQ(*record.last_success, core::parse_timestamp("2026-04-17T21:00:00Z"));
}

}  // namespace
}  // namespace ae::executor
