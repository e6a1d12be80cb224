// The Step Functions API of `ae sfn serve` driven by Debian's awscli
// (`aws stepfunctions --endpoint-url ...`), as an operator would: a task
// token completed with send-task-success, a failed execution redriven after
// its cause was fixed, a waiting execution stopped and redriven, and AWS's
// error types for the usual mistakes. Fails (never skips) when awscli is
// missing: scripts/install-deps.sh installs it.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "states/sfn_server_fixture.h"
#include "support/test_support.h"

namespace ae::test {
namespace {

using nlohmann::json;

constexpr const char* kRole = "arn:aws:iam::123456789012:role/ae-test";

std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

class SfnApiAwsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string missing = missing_clients();
    ASSERT_TRUE(missing.empty()) << missing;
    server_ = std::make_unique<SfnServer>(
        home.path(), std::vector<std::string>{
                         "--lambda", "noop=echo {}", "--lambda",
                         "flaky=test -f " + (home.path() / "fixed").string() +
                             " && echo '{\"fixed\": true}' || { echo '{\"errorType\": \"NotYet\", "
                             "\"errorMessage\": \"not fixed\"}'; exit 1; }"});
  }

  // `aws stepfunctions ARGS` against the server; the parsed JSON on success.
  CommandResult aws(const std::string& arguments) {
    return run_client(
        "env AWS_ACCESS_KEY_ID=AKIDTEST AWS_SECRET_ACCESS_KEY=secret AWS_SESSION_TOKEN= "
        "AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER= "
        "AWS_DATA_PATH=" +
        newer_operations_model() + " " + kAwsCli + " stepfunctions --endpoint-url " +
        server_->endpoint() + " --region us-east-1 --output json " + arguments);
  }
  json ok(const std::string& arguments) {
    const auto result = aws(arguments);
    EXPECT_EQ(result.exit_code, 0) << arguments << "\n" << result.err;
    return result.out.empty() ? json::object() : json::parse(result.out);
  }
  // The AWS error type awscli reports ("An error occurred (TYPE) when ...").
  std::string error_type(const std::string& arguments) {
    const auto result = aws(arguments);
    EXPECT_NE(result.exit_code, 0) << arguments;
    const auto open = result.err.find("An error occurred (");
    if (open == std::string::npos) return "no AWS error: " + result.err;
    const auto begin = open + 19;
    return result.err.substr(begin, result.err.find(')', begin) - begin);
  }
  std::string create(const std::string& name, const json& definition) {
    return ok("create-state-machine --name " + name + " --role-arn " + kRole + " --definition " +
              shell_quoted(definition.dump()))["stateMachineArn"];
  }
  std::string start(const std::string& machine, const std::string& name) {
    return ok("start-execution --state-machine-arn " + machine + " --name " + name +
              " --input '{\"n\": 1}'")["executionArn"];
  }
  json describe(const std::string& execution) {
    return ok("describe-execution --execution-arn " + execution);
  }
  // Describes until the status is not RUNNING (at most 30 s).
  json settled(const std::string& execution) {
    json described;
    for (int i = 0; i < 150; ++i) {
      described = describe(execution);
      if (described["status"] != "RUNNING") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return described;
  }

  TempDir home;
  std::unique_ptr<SfnServer> server_;
};

TEST_F(SfnApiAwsCli, TaskTokenIsCompletedBySendTaskSuccess) {
  const auto machine = create(
      "callback",
      {{"StartAt", "Ask"},
       {"States",
        {{"Ask",
          {{"Type", "Task"},
           {"Resource", "arn:aws:states:::lambda:invoke.waitForTaskToken"},
           {"Parameters", {{"FunctionName", "noop"}, {"Payload", {{"token.$", "$$.Task.Token"}}}}},
           {"TimeoutSeconds", 600},
           {"End", true}}}}}});
  const auto execution = start(machine, "ask-1");
  // The token is in the TaskScheduled event's parameters.
  std::string token;
  for (int i = 0; i < 50 && token.empty(); ++i) {
    const json history = ok("get-execution-history --execution-arn " + execution);
    for (const auto& event : history["events"])
      if (event["type"] == "TaskScheduled")
        token = json::parse(event["taskScheduledEventDetails"]["parameters"]
                                .get<std::string>())["Payload"]["token"];
    if (token.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(describe(execution)["status"], "RUNNING");
  ok("send-task-success --task-token " + shell_quoted(token) + " --task-output '{\"answer\": 42}'");
  const auto done = settled(execution);
  EXPECT_EQ(done["status"], "SUCCEEDED");
  EXPECT_EQ(json::parse(done["output"].get<std::string>()), json({{"answer", 42}}));
  EXPECT_EQ(
      error_type("send-task-success --task-token " + shell_quoted(token) + " --task-output '{}'"),
      "TaskTimedOut");
}

TEST_F(SfnApiAwsCli, FailedExecutionIsRedrivenOnceFixed) {
  const auto machine =
      create("flaky", {{"StartAt", "Try"},
                       {"States",
                        {{"Try",
                          {{"Type", "Task"},
                           {"Resource", "arn:aws:lambda:us-east-1:123456789012:function:flaky"},
                           {"End", true}}}}}});
  const auto execution = start(machine, "flaky-1");
  const auto failed = settled(execution);
  EXPECT_EQ(failed["status"], "FAILED");
  EXPECT_EQ(failed["error"], "NotYet");
  std::ofstream(home.path() / "fixed") << "yes";
  EXPECT_TRUE(ok("redrive-execution --execution-arn " + execution).contains("redriveDate"));
  const auto redriven = settled(execution);
  EXPECT_EQ(redriven["status"], "SUCCEEDED");
  EXPECT_EQ(json::parse(redriven["output"].get<std::string>()), json({{"fixed", true}}));
  EXPECT_EQ(error_type("redrive-execution --execution-arn " + execution), "ExecutionNotRedrivable");
}

TEST_F(SfnApiAwsCli, WaitingExecutionIsStoppedAndRedriven) {
  const auto machine = create(
      "sleepy", {{"StartAt", "Nap"},
                 {"States", {{"Nap", {{"Type", "Wait"}, {"Seconds", 3600}, {"End", true}}}}}});
  const auto execution = start(machine, "sleepy-1");
  EXPECT_EQ(describe(execution)["status"], "RUNNING");
  EXPECT_TRUE(ok("stop-execution --execution-arn " + execution).contains("stopDate"));
  EXPECT_EQ(describe(execution)["status"], "ABORTED");
  ok("redrive-execution --execution-arn " + execution);
  EXPECT_EQ(describe(execution)["status"], "RUNNING");
  ok("stop-execution --execution-arn " + execution);
  EXPECT_EQ(describe(execution)["status"], "ABORTED");
  const auto listed =
      ok("list-executions --state-machine-arn " + machine + " --status-filter ABORTED");
  ASSERT_EQ(listed["executions"].size(), 1u);
  EXPECT_EQ(listed["executions"][0]["executionArn"], execution);
}

TEST_F(SfnApiAwsCli, MistakesAreAwsErrors) {
  const json pass = {{"StartAt", "P"}, {"States", {{"P", {{"Type", "Pass"}, {"End", true}}}}}};
  const auto machine = create("errors", pass);
  EXPECT_EQ(error_type("describe-execution --execution-arn "
                       "arn:aws:states:local:000000000000:execution:errors:none"),
            "ExecutionDoesNotExist");
  EXPECT_EQ(error_type("create-state-machine --name errors --role-arn " + std::string(kRole) +
                       " --definition " +
                       shell_quoted(json({{"StartAt", "Q"},
                                          {"States", {{"Q", {{"Type", "Pass"}, {"End", true}}}}}})
                                        .dump())),
            "StateMachineAlreadyExists");
  EXPECT_EQ(error_type("start-execution --state-machine-arn "
                       "arn:aws:states:local:000000000000:stateMachine:none"),
            "StateMachineDoesNotExist");
  EXPECT_EQ(error_type("create-state-machine --name bad --role-arn " + std::string(kRole) +
                       " --definition '{\"StartAt\": \"Z\", \"States\": {}}'"),
            "InvalidDefinition");
  EXPECT_EQ(error_type("describe-state-machine --state-machine-arn not-an-arn"), "InvalidArn");
  // The same create again is idempotent.
  EXPECT_EQ(create("errors", pass), machine);
}

}  // namespace
}  // namespace ae::test
