// Heartbeat alarms on a new installation: no ALARM before the first
// heartbeat could have been due (the first whole period after the alarm
// started), then the shipped TreatMissingData rules as before.
#include <gtest/gtest.h>

#include "ops/alarm_service.h"
#include "ops/ops_database.h"
#include "ops_test_support.h"

namespace ae::ops {
namespace {

core::Timestamp at(const char* text) { return core::parse_timestamp(text); }

class HeartbeatAlarmTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::unique_ptr<core::Database> db = open_ops_database(dir.path() / "ops.db");
  core::VirtualClock clock{at("2026-04-20T09:00:00Z")};  // a Monday
  std::vector<Message> logged, alerts;
  Notifier notifier{*db, clock, std::make_unique<testing::RecordingChannel>(&logged)};
  AlarmService service{*db, clock, &notifier};
  AlarmDocument document = testing::shipped_alarms();
  // Weekly, missing data breaching; weeks are aligned to the epoch (Thursdays 00:00 UTC).
  const AlarmDefinition& backtester =
      testing::alarm_named(document, "alpha-engine-backtester-no-heartbeat");
  // Daily, missing data not breaching.
  const AlarmDefinition& daemon =
      testing::alarm_named(document, "alpha-engine-executor-daemon-no-heartbeat");

  void SetUp() override {
    notifier.add_subscription("alpha-engine-alerts",
                              std::make_unique<testing::RecordingChannel>(&alerts));
  }
  void heartbeat(const std::string& process, const char* when) {
    MetricStore(*db).put_metric(
        {"AlphaEngine", "Heartbeat", {{"Process", process}}, 1, "Count", at(when)});
  }
  AlarmStatus evaluate_at(const AlarmDefinition& alarm, const char* when) {
    clock.set(at(when));
    service.evaluate(alarm);
    return service.status(alarm.alarm_name);
  }
};

TEST_F(HeartbeatAlarmTest, WeeklyHeartbeatWaitsForTheFirstWholeWeekAfterTheStart) {
  const auto first = evaluate_at(backtester, "2026-04-20T09:00:00Z");
  EXPECT_EQ(first.state, AlarmState::kInsufficientData);
  EXPECT_NE(first.reason.find("no datapoint expected yet"), std::string::npos) << first.reason;
  EXPECT_NE(first.reason.find("2026-04-30T00:00:00Z"), std::string::npos) << first.reason;
  // The week that began Thursday 2026-04-23 is the first whole one: due at its end.
  EXPECT_EQ(evaluate_at(backtester, "2026-04-29T23:59:59Z").state, AlarmState::kInsufficientData);
  EXPECT_TRUE(alerts.empty());
  EXPECT_EQ(evaluate_at(backtester, "2026-04-30T00:00:05Z").state, AlarmState::kAlarm);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(alerts[0].body)["OldStateValue"], "INSUFFICIENT_DATA");
}

TEST_F(HeartbeatAlarmTest, AHeartbeatInTheFirstWeekKeepsItOk) {
  evaluate_at(backtester, "2026-04-20T09:00:00Z");
  heartbeat("backtester", "2026-04-25T10:00:00Z");
  EXPECT_EQ(evaluate_at(backtester, "2026-04-30T00:00:05Z").state, AlarmState::kOk);
  EXPECT_TRUE(alerts.empty());
  // No heartbeat since: the good week stays the newest real point of the
  // three-week range (as AWS evaluates), then missing data breaches again.
  EXPECT_EQ(evaluate_at(backtester, "2026-05-14T00:00:05Z").state, AlarmState::kOk);
  EXPECT_EQ(evaluate_at(backtester, "2026-05-21T00:00:05Z").state, AlarmState::kAlarm);
}

TEST_F(HeartbeatAlarmTest, AHeartbeatFromBeforeTheStartIsStillEvaluated) {
  heartbeat("backtester", "2026-04-10T10:00:00Z");  // a week before the alarm started
  EXPECT_EQ(evaluate_at(backtester, "2026-04-20T09:00:00Z").state, AlarmState::kOk);
}

TEST_F(HeartbeatAlarmTest, DailyHeartbeatStaysInsufficientDataThenNotBreachingGivesOk) {
  EXPECT_EQ(evaluate_at(daemon, "2026-04-20T09:00:00Z").state, AlarmState::kInsufficientData);
  EXPECT_EQ(evaluate_at(daemon, "2026-04-21T12:00:00Z").state, AlarmState::kInsufficientData);
  EXPECT_EQ(evaluate_at(daemon, "2026-04-22T00:00:05Z").state, AlarmState::kOk);
  EXPECT_TRUE(alerts.empty());
}

TEST_F(HeartbeatAlarmTest, AnAlarmEvaluatedBeforeStartTimesWereKeptCountsAsLongStarted) {
  db->execute(
      "INSERT INTO alarm_state(alarm_name, state, reason, updated_us) VALUES "
      "('alpha-engine-backtester-no-heartbeat', 'OK', 'older build', 0)");
  EXPECT_EQ(evaluate_at(backtester, "2026-04-20T09:00:00Z").state, AlarmState::kAlarm);
}

}  // namespace
}  // namespace ae::ops
