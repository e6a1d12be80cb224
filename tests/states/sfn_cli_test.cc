// `ae sfn ...` end to end through the binary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "states/asl_case.h"
#include "support/test_support.h"

namespace ae::test {
namespace {

using nlohmann::json;

class SfnCli : public ::testing::Test {
 protected:
  TempDir home;
  std::string write(const std::string& name, const std::string& text) {
    auto path = home.path() / name;
    core::write_file_atomically(path, text);
    return path.string();
  }
};

const char* kMachine = R"json({"StartAt": "Call", "States": {
  "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:greet", "ResultPath": "$.greeting", "Next": "Nap"},
  "Nap": {"Type": "Wait", "Seconds": 86400, "Next": "Check"},
  "Check": {"Type": "Choice", "Choices": [{"Variable": "$.greeting.ok", "BooleanEquals": true, "Next": "Done"}], "Default": "Bad"},
  "Bad": {"Type": "Fail", "Error": "NotOk", "Cause": "greeting was not ok"},
  "Done": {"Type": "Succeed"}}})json";

// The output, the recorded input and the history's details keep the order
// of the input's text (AWS's insertion order), not sorted keys.
TEST_F(SfnCli, OutputsKeepTheMemberOrderOfTheInput) {
  auto def = write("pass.asl.json", R"json({"StartAt": "P", "States": {
    "P": {"Type": "Pass", "Result": {"zeta": 1, "alpha": 2}, "ResultPath": "$.result", "End": true}}})json");
  auto run =
      run_ae("sfn run " + def + R"( --name ordered --input '{"zz": {"y": 1, "b": 2}, "aa": 0}')",
             home.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, R"json({"zz":{"y":1,"b":2},"aa":0,"result":{"zeta":1,"alpha":2}})json"
                     "\n");
  auto describe = run_ae("sfn describe ordered", home.path());
  EXPECT_LT(describe.out.find(R"("status")"), describe.out.find(R"("startDate")"))
      << "the description keeps its own order, not sorted keys: " << describe.out;
  const auto described = nlohmann::ordered_json::parse(describe.out);
  EXPECT_EQ(described["input"].dump(), R"json({"zz":{"y":1,"b":2},"aa":0})json");
  auto history = run_ae("--output json sfn history ordered", home.path());
  const auto events = nlohmann::ordered_json::parse(history.out);
  EXPECT_EQ(events["events"][0]["details"]["input"].dump(),
            R"json({"zz":{"y":1,"b":2},"aa":0})json");
}

TEST_F(SfnCli, RunPrintsOutputOrFailure) {
  auto def = write("m.asl.json", kMachine);
  auto ok = run_ae("sfn run " + def +
                       " --clock virtual --name a --input '{\"who\": \"x\"}' --lambda 'greet=echo "
                       "{\\\"ok\\\": true}'",
                   home.path());
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(json::parse(ok.out), json::parse(R"json({"who": "x", "greeting": {"ok": true}})json"));

  auto bad = run_ae(
      "sfn run " + def + " --clock virtual --name b --lambda 'greet=echo {\\\"ok\\\": false}'",
      home.path());
  EXPECT_EQ(bad.exit_code, 1);
  auto failure = json::parse(bad.out);
  EXPECT_EQ(failure["error"], "NotOk");
  EXPECT_EQ(failure["cause"], "greeting was not ok");

  auto list = run_ae("sfn list", home.path());
  EXPECT_NE(list.out.find("a\tSUCCEEDED"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("b\tFAILED"), std::string::npos) << list.out;
  auto history = run_ae("--output json sfn history a", home.path());
  const auto events = json::parse(history.out);
  EXPECT_EQ(events["execution"], "a");
  ASSERT_FALSE(events["events"].empty());
  EXPECT_EQ(events["events"][0]["type"], "ExecutionStarted");
  EXPECT_NE(history.out.find("WaitStateEntered"), std::string::npos);
  auto describe = run_ae("sfn describe b", home.path());
  EXPECT_EQ(json::parse(describe.out)["failedState"], "Bad");
}

TEST_F(SfnCli, ValidateListsProblems) {
  auto good = run_ae("sfn validate " + write("good.json", kMachine), home.path());
  EXPECT_EQ(good.exit_code, 0);
  EXPECT_EQ(good.out, "valid\n");
  auto bad = run_ae(
      "sfn validate " +
          write("bad.json",
                R"json({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Z"}}})json"),
      home.path());
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("/States/A/Next"), std::string::npos) << bad.out;
}

TEST_F(SfnCli, GraphDrawsMermaidAndDot) {
  auto def = write("m.json", kMachine);
  auto mermaid = run_ae("sfn graph " + def, home.path());
  EXPECT_EQ(mermaid.exit_code, 0);
  EXPECT_EQ(mermaid.out.rfind("flowchart TD", 0), 0u);
  auto dot = run_ae("sfn graph --format dot " + def, home.path());
  EXPECT_EQ(dot.out.rfind("digraph", 0), 0u);
}

TEST_F(SfnCli, RedriveAfterFixingTheFunction) {
  auto def = write("m.json", kMachine);
  auto failed =
      run_ae("sfn run " + def + " --clock virtual --name r --lambda 'greet=exit 3'", home.path());
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_EQ(json::parse(failed.out)["error"], "States.TaskFailed");
  auto redriven =
      run_ae("sfn redrive r --clock virtual --lambda 'greet=echo {\\\"ok\\\": true}'", home.path());
  EXPECT_EQ(redriven.exit_code, 0) << redriven.out << redriven.err;
}

// `ae sfn run --type EXPRESS [--sync]` runs the AWS-parity corpus's two
// express cases that read the context object: an express ARN, and
// $$.Execution.RedriveCount only when not synchronous.
TEST_F(SfnCli, RunsExpressExecutions) {
  const auto root = std::filesystem::path(AE_SOURCE_DIR) / ".." / "shared" / "conformance" /
                    "aws-parity" / "jsonpath";
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "conformance data not found at " << root;
  for (const std::string name :
       {"express_sync__query_runtime_memory", "express_async__query_runtime_memory"}) {
    const auto folder = root / name;
    const auto expected = nlohmann::ordered_json::parse(core::read_file(folder / "expected.json"));
    const bool sync = expected["execution"] == "StartSyncExecution";
    const auto run = run_ae("sfn run " + (folder / "definition.json").string() + " --input @" +
                                (folder / "input.json").string() +
                                " --clock virtual --type EXPRESS" + (sync ? " --sync" : ""),
                            home.path());
    ASSERT_EQ(run.exit_code, 0) << name << run.err;
    const auto verdict = judge_outcome(
        expected,
        CaseOutcome{"SUCCEEDED", nlohmann::ordered_json::parse(run.out), nullptr, nullptr, nullptr},
        ExpectedOrder::kRecordedByAws);
    EXPECT_TRUE(verdict.passed) << name << ": " << verdict.why;
  }
  EXPECT_EQ(run_ae("sfn run " + write("p.json", kMachine) + " --sync", home.path()).exit_code, 3)
      << "--sync needs --type EXPRESS";
}

}  // namespace
}  // namespace ae::test
