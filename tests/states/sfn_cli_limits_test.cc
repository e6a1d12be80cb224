// `ae sfn` against hostile input, end to end through the binary: oversized
// and deeply nested inputs are refused before an execution is recorded,
// deep definitions are invalid, large ones validate, and SIGTERM while a
// task runs kills the task's processes and records the interruption.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/atomic_file.h"
#include "support/test_support.h"

namespace ae::test {
namespace {

using nlohmann::json;

class SfnCliLimits : public ::testing::Test {
 protected:
  TempDir home;
  std::string write(const std::string& name, const std::string& text) {
    auto path = home.path() / name;
    core::write_file_atomically(path, text);
    return path.string();
  }
  // Waits (up to a minute) until `ready` holds; false if it never did.
  static bool eventually(const std::function<bool()>& ready) {
    for (int i = 0; i < 1200; ++i) {
      if (ready()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
};

const char* kPass = R"json({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})json";

TEST_F(SfnCliLimits, InputOverTheLimitIsRefusedAndNothingIsRecorded) {
  const auto def = write("p.json", kPass);
  const auto big = write("big.json", "{\"x\": \"" + std::string(45 * 1024 * 1024, 'x') + "\"}");
  auto result = run_ae("sfn run " + def + " --name big --input @" + big, home.path());
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.err,
            "error: --input is 47185929 bytes, over the payload limit of 262144 "
            "bytes (256 KiB)\n");
  EXPECT_EQ(run_ae("sfn list", home.path()).out, "");
}

TEST_F(SfnCliLimits, DeeplyNestedInputUnderTheSizeLimitIsRefused) {
  const auto def = write("p.json", kPass);
  const auto deep = write("deep.json", std::string(100000, '[') + std::string(100000, ']'));
  auto result = run_ae("sfn run " + def + " --name deep --input @" + deep, home.path());
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.err, "error: --input is not accepted: JSON nested deeper than 1000 levels\n");
  EXPECT_EQ(run_ae("sfn list", home.path()).out, "");
}

TEST_F(SfnCliLimits, DeepDefinitionIsInvalidNotACrash) {
  const auto def = write("deep.json",
                         "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", "
                         "\"End\": true, \"Result\": " +
                             std::string(10000, '[') + std::string(10000, ']') + "}}}");
  auto validate = run_ae("sfn validate " + def, home.path());
  EXPECT_EQ(validate.exit_code, 1);
  EXPECT_EQ(validate.out,
            def + " is not a valid definition: JSON nested deeper than 1000 levels\n");
  auto run = run_ae("sfn run " + def + " --name deep", home.path());
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("JSON nested deeper than 1000 levels"), std::string::npos) << run.err;
}

TEST_F(SfnCliLimits, LargeDefinitionValidates) {
  // About 70 KB: 600 chained Pass states with Choice rules.
  json states = json::object();
  for (int i = 0; i < 600; ++i) {
    const std::string next = i + 1 < 600 ? "S" + std::to_string(i + 1) : "Done";
    states["S" + std::to_string(i)] = {
        {"Type", "Choice"},
        {"Choices", {{{"Variable", "$.n"}, {"NumericGreaterThan", i}, {"Next", next}}}},
        {"Default", next}};
  }
  states["Done"] = {{"Type", "Succeed"}};
  const std::string text = json{{"StartAt", "S0"}, {"States", states}}.dump();
  ASSERT_GT(text.size(), 60000u);
  auto result = run_ae("sfn validate " + write("large.json", text), home.path());
  EXPECT_EQ(result.exit_code, 0) << result.out;
  EXPECT_EQ(result.out, "valid\n");

  // A template nested to the depth limit, static above a dynamic leaf: its
  // static levels are compiled once each (this was quadratic).
  std::string deep = "{\"v.$\": \"$.n\"}";
  for (int i = 0; i < 990; ++i) deep = "{\"a\": " + deep + ", \"s\": [1, 2]}";
  const auto def = write("deep.json",
                         "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": "
                         "\"Pass\", \"End\": true, \"Parameters\": " +
                             deep + "}}}");
  EXPECT_EQ(run_ae("sfn validate " + def, home.path()).out, "valid\n");
  auto run = run_ae("sfn run " + def + " --name deep --input '{\"n\": 5}'", home.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  json output = json::parse(run.out);
  for (int i = 0; i < 990; ++i) output = json(output["a"]);
  EXPECT_EQ(output, json::parse(R"({"v": 5})"));
}

TEST_F(SfnCliLimits, ValidateWarnsAboutATaskWithoutTimeout) {
  const auto def = write("t.json", R"json({"StartAt": "T", "States": {
    "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "End": true}}})json");
  auto result = run_ae("sfn validate " + def, home.path());
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, "valid\n");
  EXPECT_EQ(result.err.rfind("warning: /States/T: a Task without TimeoutSeconds", 0), 0u)
      << result.err;
}

TEST_F(SfnCliLimits, SigtermKillsTheRunningTaskAndResumeRunsItOnce) {
  const auto def = write("t.json", R"json({"StartAt": "T", "States": {
    "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "End": true}}})json");
  const auto task_pid = home.path() / "task.pid";
  const auto ae_pid = home.path() / "ae.pid";
  const auto code = home.path() / "code";
  const std::string command = "( AE_HOME='" + home.path().string() + "' '" +
                              std::string(AE_BINARY) + "' sfn run " + def +
                              " --name t --lambda 'f=echo $$ > " + task_pid.string() +
                              "; exec sleep 600' >'" + (home.path() / "out").string() + "' 2>'" +
                              (home.path() / "err").string() + "' & echo $! > '" + ae_pid.string() +
                              "'; wait $!; echo $? > '" + code.string() + "' ) >/dev/null 2>&1 &";
  ASSERT_EQ(std::system(command.c_str()), 0);
  ASSERT_TRUE(eventually([&] {
    return std::filesystem::exists(task_pid) && std::filesystem::file_size(task_pid) > 0;
  }));
  const pid_t task = std::stoi(core::read_file(task_pid));
  const pid_t ae = std::stoi(core::read_file(ae_pid));
  ASSERT_EQ(::kill(ae, SIGTERM), 0);
  ASSERT_TRUE(eventually(
      [&] { return std::filesystem::exists(code) && std::filesystem::file_size(code) > 0; }));
  EXPECT_EQ(std::stoi(core::read_file(code)), 128 + SIGTERM);
  EXPECT_NE(core::read_file(home.path() / "err").find("error: interrupted by SIGTERM"),
            std::string::npos);
  // The task's process is gone (ae reaped it), not left running.
  EXPECT_FALSE(std::filesystem::exists("/proc/" + std::to_string(task)));

  auto describe = run_ae("sfn describe t", home.path());
  EXPECT_EQ(json::parse(describe.out)["status"], "RUNNING");
  auto history = run_ae("sfn history t", home.path());
  EXPECT_NE(history.out.find("ExecutionInterrupted"), std::string::npos) << history.out;

  auto resumed = run_ae("sfn resume t --lambda 'f=echo 7'", home.path());
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(resumed.out, "7\n");
  history = run_ae("sfn history t", home.path());
  EXPECT_NE(history.out.find("ExecutionInterrupted"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("ExecutionSucceeded"), std::string::npos) << history.out;
}

}  // namespace
}  // namespace ae::test
