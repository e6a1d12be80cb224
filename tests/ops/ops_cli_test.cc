// End to end through the `ae` binary: metrics, alarms, notify, health, deploy, drift.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/atomic_file.h"
#include "core/version.h"
#include "support/test_support.h"

namespace ae::ops {
namespace {

const std::string kAlarms = "--alarms " + test::source_path("pipelines/alarms.json").string();

TEST(OpsCli, SeedAlarmFiresOnceThroughTheCli) {
  test::TempDir home;
  auto put = test::run_ae(
      "metrics put AlphaEngine/Predictor unscored_buy_candidates_count 3 --at 2026-04-20T11:30:00Z",
      home.path());
  ASSERT_EQ(put.exit_code, 0) << put.err;
  auto get = test::run_ae(
      "metrics get AlphaEngine/Predictor unscored_buy_candidates_count --stat Maximum --period "
      "3600 "
      "--from 2026-04-20T00:00:00Z --to 2026-04-21T00:00:00Z",
      home.path());
  EXPECT_EQ(get.out, "2026-04-20T11:00:00Z\t3\t1\n");
  auto evaluate =
      test::run_ae("alarms evaluate " + kAlarms + " --at 2026-04-20T12:00:05Z", home.path());
  ASSERT_EQ(evaluate.exit_code, 0) << evaluate.err;
  EXPECT_NE(evaluate.out.find(
                "alpha-engine-predictor-unscored-buy-candidates: INSUFFICIENT_DATA -> ALARM"),
            std::string::npos)
      << evaluate.out;
  auto again =
      test::run_ae("alarms evaluate " + kAlarms + " --at 2026-04-20T12:10:00Z", home.path());
  EXPECT_EQ(again.out.find("unscored"), std::string::npos);
  // One line per notification: the seed alarm once. The weekly heartbeats
  // (missing data is breaching for them) stay INSUFFICIENT_DATA: no heartbeat
  // was due yet at this first evaluation.
  const auto log = core::read_file(home.path() / "logs/notifications.log");
  std::istringstream lines(log);
  int seed_lines = 0, total = 0;
  for (std::string line; std::getline(lines, line); ++total)
    if (line.find("unscored-buy-candidates") != std::string::npos) ++seed_lines;
  EXPECT_EQ(seed_lines, 1);
  EXPECT_EQ(total, 1);
  auto history =
      test::run_ae("alarms history alpha-engine-predictor-unscored-buy-candidates", home.path());
  EXPECT_NE(history.out.find("INSUFFICIENT_DATA -> ALARM"), std::string::npos);
}

TEST(OpsCli, HealthExitsNonZeroWhenModulesAreMissing) {
  test::TempDir home;
  auto health = test::run_ae("health", home.path());
  EXPECT_EQ(health.exit_code, 1);
  EXPECT_NE(health.out.find("executor"), std::string::npos);
  EXPECT_NE(health.out.find("missing"), std::string::npos);
  EXPECT_NE(health.out.find("each session by open+30m"), std::string::npos);
  // Only --emit-metric records the outcome (what the pipelines' checks use).
  EXPECT_EQ(test::run_ae("metrics list", home.path()).out.find("HealthChecksFailed"),
            std::string::npos);
  auto recorded = test::run_ae("health --emit-metric --at 2026-04-20T13:10:00Z", home.path());
  EXPECT_EQ(recorded.exit_code, 1);
  auto get = test::run_ae(
      "metrics get AlphaEngine HealthChecksFailed --stat Maximum --period 21600 "
      "--from 2026-04-20T12:00:00Z --to 2026-04-20T18:00:00Z",
      home.path());
  EXPECT_EQ(get.out, "2026-04-20T12:00:00Z\t6\t1\n");
}

TEST(OpsCli, DeployThenDriftThenRecover) {
  test::TempDir home;
  const auto pipelines = home.path() / "pipelines";
  core::write_file_atomically(
      pipelines / "tiny.asl.json",
      R"({"Comment": "tiny", "StartAt": "Notify", "States": {"Notify": {"Type": "Task",
          "Resource": "arn:aws:states:::sns:publish", "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:1:t",
          "Message": "hi"}, "End": true}}})");
  core::write_file_atomically(pipelines / "alarms.json", R"({"Resources": {}})");
  const std::string sha = "abcdef1234567abcdef1234567abcdef12345678";
  const std::string common = " --pipelines " + pipelines.string() + " --sha " + sha;
  auto drift_before = test::run_ae("drift" + common + " --machine tiny", home.path());
  EXPECT_EQ(drift_before.exit_code, 1);
  EXPECT_EQ(nlohmann::json::parse(drift_before.out)["cf_drift_reason"], "no_deployment");

  auto deploy = test::run_ae("deploy" + common, home.path());
  ASSERT_EQ(deploy.exit_code, 0) << deploy.err;
  EXPECT_NE(deploy.out.find("deployed: #1"), std::string::npos);
  EXPECT_NE(test::run_ae("deploy" + common, home.path()).out.find("no changes"), std::string::npos);
  auto drift = test::run_ae("drift" + common + " --machine tiny", home.path());
  EXPECT_EQ(drift.exit_code, 0) << drift.out;
  EXPECT_EQ(nlohmann::json::parse(drift.out)["sf_sha"], sha);

  core::write_file_atomically(pipelines / "lambda.asl.json",
                              R"({"StartAt": "Call", "States": {"Call": {"Type": "Task",
          "Resource": "arn:aws:lambda:us-east-1:1:function:not-registered", "End": true}}})");
  auto refused = test::run_ae("deploy" + common, home.path());
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_NE(refused.err.find("not-registered"), std::string::npos) << refused.err;
  EXPECT_EQ(test::run_ae("deploy recover", home.path()).exit_code, 3);  // nothing to recover
}

TEST(OpsCli, DeployWithoutOptionsRegistersTheCompiledInPipelinesAndTheirTasks) {
  test::TempDir home;
  const std::string sha = "0123456789ab";
  // From a directory that is no checkout: nothing is read from the working directory.
  auto deploy = test::run_ae("deploy --sha " + sha, home.path());
  ASSERT_EQ(deploy.exit_code, 0) << deploy.err;
  EXPECT_NE(deploy.out.find("deployed: #1\t" + sha), std::string::npos) << deploy.out;
  for (const char* name : {"weekday", "saturday", "eod"})
    EXPECT_TRUE(
        std::filesystem::exists(home.path() / "state/deployed" / (std::string(name) + ".asl.json")))
        << name;
  auto drift = test::run_ae("drift --sha " + sha, home.path());
  EXPECT_EQ(drift.exit_code, 0) << drift.out << drift.err;

  // Without --sha, the commit the binary was built from, unless its tree was modified.
  const std::string built(core::git_sha());
  auto own = test::run_ae("deploy", home.path());
  if (built.ends_with("-dirty") || built == "unknown") {
    EXPECT_EQ(own.exit_code, 3);
    EXPECT_NE(own.err.find("its pipelines have no commit to stamp: pass --sha"), std::string::npos)
        << own.err;
  } else {
    EXPECT_EQ(own.exit_code, 0) << own.err;
    EXPECT_NE(own.out.find(built), std::string::npos) << own.out;
  }
}

}  // namespace
}  // namespace ae::ops
