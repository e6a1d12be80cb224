#include <gtest/gtest.h>

#include "core/atomic_file.h"
#include "core/error.h"
#include "ops/deployer.h"
#include "ops/drift.h"
#include "ops/ops_database.h"
#include "support/test_support.h"

namespace ae::ops {
namespace {

using nlohmann::json;

const char* kSha1 = "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const char* kSha2 = "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

json small_machine(const std::string& action) {
  return json::parse(R"({"Comment": "tiny weekday", "StartAt": "Drift", "States": {
    "Drift": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:predictor",
              "Parameters": {"action": ")" +
                     action + R"("}, "Next": "Fan"},
    "Fan": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "Notify", "States": {
      "Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                 "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:1:alpha-engine-alerts", "Message": "x"},
                 "End": true}}}]}}})");
}

class DeployTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::unique_ptr<core::Database> db = open_ops_database(dir.path() / "ops.db");
  core::VirtualClock clock{core::parse_timestamp("2026-04-20T12:00:00Z")};
  Deployer deployer{*db, clock, dir.path() / "deployed"};
  TaskCatalog catalog{
      {"arn:aws:states:::sns:publish"}, {"predictor"}, {"check_deploy_drift", "predict"}};

  DeployRequest request(const std::string& sha, const std::string& action = "check_deploy_drift") {
    return {sha,
            {{"weekday", small_machine(action)}, {"eod", small_machine("predict")}},
            json::parse(R"({"Resources": {}})")};
  }
  DriftResult drift(const DeployRequest& r) { return check_drift(deployer, r, "weekday"); }
  const DriftPart& part(const DriftResult& result, const std::string& name) {
    for (const auto& p : result.parts)
      if (p.part == name) return p;
    throw core::NotFound(name);
  }
};

TEST(DefinitionStamp, StampsReplaceOldStampsAndKeepTheHash) {
  auto stamped =
      stamp_definition(json{{"Comment", "[git:abcdef0] weekday  "}, {"StartAt", "A"}}, "1234567");
  EXPECT_EQ(stamped["Comment"], "[git:1234567] weekday");
  EXPECT_EQ(stamp_of(stamped), "1234567");
  EXPECT_EQ(definition_hash(stamped),
            definition_hash(json{{"Comment", "weekday"}, {"StartAt", "A"}}));
  EXPECT_EQ(stamp_definition(json{{"StartAt", "A"}}, "1234567")["Comment"], "[git:1234567]");
  EXPECT_FALSE(stamp_of(json{{"Comment", "weekday [git:1234567]"}}));
  EXPECT_THROW(stamp_definition(json::object(), "xyz"), core::InvalidInput);
}

TEST(DefinitionStamp, TaskReferencesWalkBranches) {
  const auto references = task_references(small_machine("predict"));
  ASSERT_EQ(references.size(), 2u);
  EXPECT_EQ(references[0].function, "predictor");
  EXPECT_EQ(references[0].action, "predict");
  EXPECT_EQ(references[1].resource, "arn:aws:states:::sns:publish");
}

TEST_F(DeployTest, FreshDeployStampsRecordsAndThenNoOp) {
  const auto first = deployer.deploy(request(kSha1), catalog);
  EXPECT_FALSE(first.no_op);
  EXPECT_EQ(first.record.status, DeploymentStatus::kComplete);
  const auto deployed = json::parse(core::read_file(dir.path() / "deployed/weekday.asl.json"));
  EXPECT_EQ(stamp_of(deployed), kSha1);
  EXPECT_EQ(first.record.document["definitions"]["weekday"]["hash"],
            definition_hash(small_machine("check_deploy_drift")));

  const auto again = deployer.deploy(request(kSha1), catalog);
  EXPECT_TRUE(again.no_op);
  EXPECT_EQ(deployer.list(10).size(), 1u);
  EXPECT_FALSE(deployer.deploy(request(kSha2), catalog).no_op);
  EXPECT_EQ(deployer.list(10).size(), 2u);
}

TEST_F(DeployTest, RefusesDefinitionsCallingUnregisteredTasks) {
  EXPECT_THROW(deployer.deploy(request(kSha1, "rescore_missing"), catalog), core::InvalidInput);
  auto no_sns = catalog;
  no_sns.resources.clear();
  EXPECT_THROW(deployer.deploy(request(kSha1), no_sns), core::InvalidInput);
  EXPECT_FALSE(deployer.latest().has_value());  // nothing attempted
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "deployed/weekday.asl.json"));
}

TEST_F(DeployTest, FailurePartWayBlocksUntilRecover) {
  // "eod.asl.json" is a directory: the second write fails after the first succeeded.
  std::filesystem::create_directories(dir.path() / "deployed/eod.asl.json/x");
  EXPECT_THROW(deployer.deploy(request(kSha1), catalog), DeployFailed);
  ASSERT_EQ(deployer.latest()->status, DeploymentStatus::kFailed);
  EXPECT_TRUE(deployer.latest()->error.has_value());
  std::filesystem::remove_all(dir.path() / "deployed/eod.asl.json");
  EXPECT_THROW(deployer.deploy(request(kSha1), catalog), DeployBlocked);
  EXPECT_THROW(deployer.deploy(request(kSha2), catalog), DeployBlocked);
  EXPECT_TRUE(drift(request(kSha1)).has_drift);
  EXPECT_EQ(part(drift(request(kSha1)), "deployment").reason, "deployment_in_terminal_state");

  EXPECT_EQ(deployer.recover().status, DeploymentStatus::kRecovered);
  EXPECT_THROW(deployer.recover(), core::InvalidInput);
  EXPECT_EQ(deployer.deploy(request(kSha1), catalog).record.status, DeploymentStatus::kComplete);
  EXPECT_FALSE(drift(request(kSha1)).has_drift);
}

TEST_F(DeployTest, CrashedDeploymentInProgressIsTerminal) {
  db->execute(
      "INSERT INTO deployments(git_sha, status, started_us, document) VALUES "
      "('1111111', 'IN_PROGRESS', 0, '{}')");
  EXPECT_THROW(deployer.deploy(request(kSha1), catalog), DeployBlocked);
}

TEST_F(DeployTest, DriftInSync) {
  deployer.deploy(request(kSha1), catalog);
  const auto result = drift(request(kSha1));
  EXPECT_FALSE(result.has_drift);
  const auto shape = result.to_json();
  EXPECT_EQ(shape["has_drift"], false);
  EXPECT_EQ(shape["sf_sha"], kSha1);
  EXPECT_EQ(shape["sf_stamp_present"], true);
  EXPECT_EQ(shape["cf_drift_reason"], "in_sync");
  EXPECT_EQ(shape["cf_stack_status"], "COMPLETE");
  // A short sha matches its full form, as the reference's _shas_match.
  EXPECT_FALSE(drift(request("1111111")).has_drift);
}

TEST_F(DeployTest, DriftWhenShaMovesOrContentChangesWithoutNewSha) {
  deployer.deploy(request(kSha1), catalog);
  const auto moved = drift(request(kSha2));
  EXPECT_TRUE(moved.has_drift);
  EXPECT_EQ(part(moved, "weekday").reason, "sha_mismatch");
  EXPECT_EQ(part(moved, "deployment").reason, "sha_mismatch");

  const auto edited = drift(request(kSha1, "predict"));
  EXPECT_TRUE(edited.has_drift);
  EXPECT_EQ(part(edited, "weekday").reason, "content_changed");
  EXPECT_FALSE(part(edited, "eod").drift);

  auto alarms_changed = request(kSha1);
  alarms_changed.alarms["Resources"]["New"] = json::object();
  EXPECT_EQ(part(drift(alarms_changed), "alarms").reason, "content_changed");
}

TEST_F(DeployTest, DriftFailsClosed) {
  // No deployment at all.
  auto none = drift(request(kSha1));
  EXPECT_TRUE(none.has_drift);
  EXPECT_EQ(part(none, "deployment").reason, "no_deployment");
  EXPECT_EQ(part(none, "weekday").reason, "not_deployed");
  EXPECT_EQ(none.to_json()["sf_stamp_present"], false);

  deployer.deploy(request(kSha1), catalog);
  // Unknown repository sha.
  EXPECT_EQ(part(drift(request("")), "deployment").reason, "repository_sha_unknown");
  // Stamp stripped from the deployed definition.
  core::write_file_atomically(dir.path() / "deployed/weekday.asl.json",
                              small_machine("check_deploy_drift").dump());
  EXPECT_EQ(part(drift(request(kSha1)), "weekday").reason, "stamp_missing");
  // Unreadable deployed definition.
  core::write_file_atomically(dir.path() / "deployed/weekday.asl.json", "{broken");
  EXPECT_EQ(part(drift(request(kSha1)), "weekday").reason, "unreadable");
  // Unreadable deployment record.
  db->execute("UPDATE deployments SET document = 'not json'");
  const auto unreadable = drift(request(kSha1));
  EXPECT_TRUE(unreadable.has_drift);
  EXPECT_EQ(part(unreadable, "deployment").reason, "deployment_unreadable");
}

}  // namespace
}  // namespace ae::ops
