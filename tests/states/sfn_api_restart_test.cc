// `ae sfn serve` across restarts: an execution started through the API and
// left RUNNING when the server stops (SIGTERM: it exits at once) is resumed
// by the next server on the home; two servers never share a home. Requests
// are plain JSON 1.0 POSTs (the loopback server checks no signature).
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "states/sfn_server_fixture.h"
#include "support/test_support.h"

namespace ae::test {
namespace {

using nlohmann::json;

json call(const SfnServer& server, const std::string& action, const json& body) {
  httplib::Client client("127.0.0.1", server.port());
  const auto response = client.Post("/", {{"X-Amz-Target", "AWSStepFunctions." + action}},
                                    body.dump(), "application/x-amz-json-1.0");
  if (!response) throw std::runtime_error(action + ": no answer");
  json out = json::parse(response->body);
  if (response->status != 200) throw std::runtime_error(action + ": " + response->body);
  return out;
}

TEST(SfnApiRestart, RunningExecutionResumesOnTheNextServer) {
  TempDir home;
  std::string execution;
  {
    SfnServer first(home.path(), {});
    const json machine =
        call(first, "CreateStateMachine",
             {{"name", "napper"},
              {"roleArn", "arn:aws:iam::123456789012:role/ae-test"},
              {"definition",
               json({{"StartAt", "Nap"},
                     {"States",
                      {{"Nap", {{"Type", "Wait"}, {"Seconds", 2}, {"Next", "Done"}}},
                       {"Done", {{"Type", "Pass"}, {"Result", "rested"}, {"End", true}}}}}})
                   .dump()}});
    execution =
        call(first, "StartExecution",
             {{"stateMachineArn", machine["stateMachineArn"]}, {"name", "nap-1"}})["executionArn"];
    EXPECT_EQ(run_ae("--log-level warn sfn serve --port 0", home.path()).exit_code, 3)
        << "a second server on the same home";
  }  // SIGTERM: the execution is left RUNNING, waiting
  EXPECT_NE(run_ae("sfn describe nap-1", home.path()).out.find("RUNNING"), std::string::npos);
  SfnServer second(home.path(), {});
  json described;
  for (int i = 0; i < 100; ++i) {
    described = call(second, "DescribeExecution", {{"executionArn", execution}});
    if (described["status"] != "RUNNING") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(described["status"], "SUCCEEDED");
  EXPECT_EQ(described["output"], "\"rested\"");
}

TEST(SfnApiRestart, UnknownActionsAndBadBodiesAreAwsErrors) {
  TempDir home;
  SfnServer server(home.path(), {});
  httplib::Client client("127.0.0.1", server.port());
  const auto unknown = client.Post("/", {{"X-Amz-Target", "AWSStepFunctions.DoNothing"}}, "{}",
                                   "application/x-amz-json-1.0");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_EQ(json::parse(unknown->body)["__type"], "UnknownOperationException");
  const auto garbage = client.Post("/", {{"X-Amz-Target", "AWSStepFunctions.ListStateMachines"}},
                                   "{not json", "application/x-amz-json-1.0");
  ASSERT_TRUE(garbage);
  EXPECT_EQ(json::parse(garbage->body)["__type"], "SerializationException");
  const auto huge = client.Post("/", {{"X-Amz-Target", "AWSStepFunctions.ListStateMachines"}},
                                std::string(2 << 20, ' '), "application/x-amz-json-1.0");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
  EXPECT_EQ(json::parse(huge->body)["__type"], "RequestEntityTooLargeException");
}

}  // namespace
}  // namespace ae::test
