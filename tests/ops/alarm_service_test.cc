#include "ops/alarm_service.h"

#include <gtest/gtest.h>

#include "ops/ops_database.h"
#include "ops_test_support.h"

namespace ae::ops {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

core::Timestamp at(const char* text) { return core::parse_timestamp(text); }

class SeedAlarmTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::unique_ptr<core::Database> db = open_ops_database(dir.path() / "ops.db");
  core::VirtualClock clock{at("2026-04-20T09:00:00Z")};
  std::vector<Message> logged, alerts;
  Notifier notifier{*db, clock, std::make_unique<testing::RecordingChannel>(&logged)};
  AlarmService service{*db, clock, &notifier};
  AlarmDocument document = testing::shipped_alarms();
  const AlarmDefinition& seed =
      testing::alarm_named(document, "alpha-engine-predictor-unscored-buy-candidates");

  void SetUp() override {
    notifier.add_subscription("alpha-engine-alerts",
                              std::make_unique<testing::RecordingChannel>(&alerts));
  }
  void emit(double value, const char* when) {
    MetricStore(*db).put_metric(
        {"AlphaEngine/Predictor", "unscored_buy_candidates_count", {}, value, "Count", at(when)});
  }
  AlarmState evaluate_at(const char* when) {
    clock.set(at(when));
    service.evaluate(seed);
    return service.status(seed.alarm_name).state;
  }
};

TEST_F(SeedAlarmTest, ShippedDefinitionMatchesTheSeed) {
  EXPECT_EQ(seed.metric.name_space, "AlphaEngine/Predictor");
  EXPECT_EQ(seed.statistic.name(), "Maximum");
  EXPECT_EQ(seed.period, std::chrono::seconds(3600));
  EXPECT_EQ(seed.threshold, 1);
  EXPECT_EQ(seed.comparison, ComparisonOperator::kGreaterThanOrEqualToThreshold);
  EXPECT_EQ(seed.treat_missing_data, TreatMissingData::kNotBreaching);
  EXPECT_EQ(seed.alarm_actions, std::vector<std::string>{"alpha-engine-alerts"});
}

TEST_F(SeedAlarmTest, ZeroZeroThreeThenMissingGivesOneNotificationPerChange) {
  EXPECT_EQ(service.status(seed.alarm_name).state, AlarmState::kInsufficientData);
  emit(0, "2026-04-20T09:30:00Z");
  EXPECT_EQ(evaluate_at("2026-04-20T10:00:05Z"), AlarmState::kOk);
  emit(0, "2026-04-20T10:30:00Z");
  EXPECT_EQ(evaluate_at("2026-04-20T11:00:05Z"), AlarmState::kOk);
  emit(3, "2026-04-20T11:30:00Z");
  EXPECT_EQ(evaluate_at("2026-04-20T11:45:00Z"), AlarmState::kOk);  // period not complete
  EXPECT_EQ(evaluate_at("2026-04-20T12:00:05Z"), AlarmState::kAlarm);
  EXPECT_EQ(evaluate_at("2026-04-20T12:30:00Z"), AlarmState::kAlarm);
  ASSERT_EQ(alerts.size(), 1u);
  const auto body = nlohmann::json::parse(alerts[0].body);
  EXPECT_EQ(body["NewStateValue"], "ALARM");
  EXPECT_EQ(body["OldStateValue"], "OK");
  EXPECT_EQ(body["Trigger"]["MetricName"], "unscored_buy_candidates_count");
  // Missing data: the breaching point stays the newest real point in the range
  // (3 periods) until it ages out; then notBreaching fills -> OK.
  EXPECT_EQ(evaluate_at("2026-04-20T14:00:05Z"), AlarmState::kAlarm);
  EXPECT_EQ(evaluate_at("2026-04-20T15:00:05Z"), AlarmState::kOk);
  EXPECT_EQ(alerts.size(), 1u);  // no OKActions on the seed alarm

  const auto history = service.history(seed.alarm_name, 10);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].new_state, AlarmState::kOk);
  EXPECT_EQ(history[1].new_state, AlarmState::kAlarm);
  EXPECT_EQ(history[1].notified_topics, std::vector<std::string>{"alpha-engine-alerts"});
  EXPECT_EQ(history[2].old_state, AlarmState::kInsufficientData);
  EXPECT_EQ(logged.size(), 1u);
}

TEST_F(SeedAlarmTest, HistoryOlderThanFourteenDaysIsPruned) {
  emit(5, "2026-04-20T09:30:00Z");
  evaluate_at("2026-04-20T10:00:05Z");
  ASSERT_EQ(service.history("", 10).size(), 1u);
  clock.set(at("2026-05-05T10:00:00Z"));
  service.evaluate_all({seed});
  for (const auto& transition : service.history("", 10))
    EXPECT_GE(transition.timestamp, at("2026-04-21T10:00:00Z"));
}

TEST_F(SeedAlarmTest, OkActionsAndDisabledActions) {
  auto with_ok = seed;
  with_ok.alarm_name = "with-ok";
  with_ok.ok_actions = {"alpha-engine-alerts"};
  emit(0, "2026-04-20T09:30:00Z");
  clock.set(at("2026-04-20T10:00:05Z"));
  ASSERT_TRUE(service.evaluate(with_ok).has_value());
  EXPECT_EQ(alerts.size(), 1u);
  auto disabled = seed;
  disabled.alarm_name = "disabled";
  disabled.actions_enabled = false;
  disabled.ok_actions = {"alpha-engine-alerts"};
  ASSERT_TRUE(service.evaluate(disabled).has_value());
  EXPECT_EQ(alerts.size(), 1u);
}

TEST(AlarmDocument, ShippedAlarmsIncludeHeartbeatsAndPipelineFailures) {
  const auto document = testing::shipped_alarms();
  const auto& daemon = testing::alarm_named(document, "alpha-engine-executor-daemon-no-heartbeat");
  EXPECT_EQ(daemon.metric.dimensions.at("Process"), "executor-daemon");
  EXPECT_EQ(daemon.comparison, ComparisonOperator::kLessThanThreshold);
  testing::alarm_named(document, "alpha-engine-weekday-pipeline-execution-failed");
  ASSERT_EQ(document.topics.size(), 1u);
  EXPECT_EQ(document.topics[0].topic_name, "alpha-engine-alerts");
}

TEST(AlarmDocument, RejectsWhatCloudWatchRejects) {
  auto base = nlohmann::json::parse(R"({"Resources": {"A": {"Type": "AWS::CloudWatch::Alarm",
    "Properties": {"Namespace": "N", "MetricName": "M", "Statistic": "Sum", "Period": 60,
    "EvaluationPeriods": 3, "Threshold": 1, "ComparisonOperator": "GreaterThanThreshold"}}}})");
  EXPECT_NO_THROW(parse_alarm_document(base, "t"));
  auto& properties = base["Resources"]["A"]["Properties"];
  auto rejects = [&](const char* key, nlohmann::json value) {
    auto copy = base;
    copy["Resources"]["A"]["Properties"][key] = value;
    EXPECT_THROW(parse_alarm_document(copy, "t"), core::InvalidInput) << key << "=" << value;
  };
  rejects("Period", 45);
  rejects("DatapointsToAlarm", 4);
  rejects("ComparisonOperator", "LessThanLowerThreshold");
  rejects("TreatMissingData", "zero");
  rejects("ExtendedStatistic", "p99");  // both statistics
  rejects("Statistic", "p99");
  rejects("Bogus", 1);
  properties["Period"] = 300;
  properties["EvaluationPeriods"] = 289;  // 86700s > 86400s for a period < 1h
  EXPECT_THROW(parse_alarm_document(base, "t"), core::InvalidInput);
}

}  // namespace
}  // namespace ae::ops
