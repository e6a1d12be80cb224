// A command step survives the death of the engine's process: the minimal
// definition sendCommand -> Wait -> getCommandInvocation, killed with -9
// during the Wait (by an outside kill on the real clock, and by --crash-at on
// the virtual one), resumes with `ae sfn resume` and succeeds with the
// command's side effect applied once; after a later failure, `ae sfn redrive`
// collects the same invocation, across two restarts, and succeeds too.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/home.h"
#include "states/run/executions.h"
#include "states/store/history_store.h"
#include "support/test_support.h"

namespace ae::states {
namespace {

namespace fs = std::filesystem;

std::string definition(const fs::path& effects, int wait_seconds, bool flaky_step) {
  Json machine = Json::parse(R"json({"StartAt": "Send", "States": {
    "Send": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ssm:sendCommand",
             "Parameters": {"DocumentName": "AWS-RunShellScript", "InstanceIds": ["i-1"],
                            "Parameters": {"commands": []}},
             "ResultPath": "$.sent", "Next": "Wait"},
    "Wait": {"Type": "Wait", "Seconds": 1, "Next": "Get"},
    "Flaky": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:flaky",
              "ResultPath": null, "Next": "Get"},
    "Get": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ssm:getCommandInvocation",
            "Parameters": {"CommandId.$": "$.sent.Command.CommandId", "InstanceId": "i-1"},
            "ResultPath": "$.got", "Next": "Check"},
    "Check": {"Type": "Choice",
              "Choices": [{"Variable": "$.got.Status", "StringEquals": "Success", "Next": "Done"}],
              "Default": "Broken"},
    "Done": {"Type": "Succeed"},
    "Broken": {"Type": "Fail", "Error": "CommandFailed"}}})json");
  machine["States"]["Send"]["Parameters"]["Parameters"]["commands"] =
      Json::array({"echo ran >> '" + effects.string() + "'", "echo hello"});
  machine["States"]["Wait"]["Seconds"] = wait_seconds;
  if (flaky_step)
    machine["States"]["Wait"]["Next"] = "Flaky";
  else
    machine["States"].erase("Flaky");
  return machine.dump();
}

int line_count(const fs::path& file) {
  std::ifstream in(file);
  int lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

class CommandCrash : public ::testing::Test {
 protected:
  test::TempDir dir;
  fs::path home() const { return dir.path() / "home"; }
  fs::path effects() const { return dir.path() / "effects.txt"; }
  fs::path definition_file() const { return dir.path() / "machine.asl.json"; }
  ExecutionRecord record(const std::string& name) const {
    HistoryStore store(core::Home(home()).executions_database());
    return store.get(name);
  }
  Json output(const std::string& name) const { return record(name).output; }
};

TEST_F(CommandCrash, KilledDuringTheWaitResumesAndTheCommandRanOnce) {
  core::write_file_atomically(definition_file(), definition(effects(), 2, false));
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setenv("AE_HOME", home().c_str(), 1);
    ::execl(AE_BINARY, AE_BINARY, "--log-level", "warn", "sfn", "run", definition_file().c_str(),
            "--name", "minimal", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  bool killed = false;
  for (int i = 0; i < 2000 && !killed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    try {
      HistoryStore store(core::Home(home()).executions_database());
      const auto found = store.find("minimal");
      if (!found) continue;
      const auto checkpoint = store.checkpoint(found->id);
      if (checkpoint && checkpoint->state == "Wait") {
        ::kill(pid, SIGKILL);
        killed = true;
      }
    } catch (const core::Error&) {
      // the database is being created
    }
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(killed) << "the execution never reached its Wait";
  ASSERT_TRUE(WIFSIGNALED(status)) << "the run finished before the kill";
  EXPECT_EQ(record("minimal").status, ExecutionStatus::kRunning);
  EXPECT_EQ(line_count(effects()), 1);

  const auto resumed = test::run_ae("--log-level warn sfn resume minimal", home());
  ASSERT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
  EXPECT_EQ(record("minimal").status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(output("minimal")["got"]["StandardOutputContent"], "hello\n");
  EXPECT_EQ(line_count(effects()), 1);
}

TEST_F(CommandCrash, CrashAtTheWaitOnTheVirtualClockResumes) {
  core::write_file_atomically(definition_file(), definition(effects(), 3600, false));
  const auto crashed = test::run_ae("--log-level warn sfn run '" + definition_file().string() +
                                        "' --clock virtual --name minimal --crash-at Wait",
                                    home());
  EXPECT_NE(crashed.exit_code, 0);
  EXPECT_NE(crashed.err.find("crash injected at the entry of state Wait"), std::string::npos)
      << crashed.err;
  EXPECT_EQ(record("minimal").status, ExecutionStatus::kRunning);

  const auto resumed = test::run_ae("--log-level warn sfn resume minimal", home());
  ASSERT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
  EXPECT_EQ(output("minimal")["got"]["Status"], "Success");
  EXPECT_EQ(line_count(effects()), 1);
}

TEST_F(CommandCrash, RedriveAfterAFailureCollectsTheSameInvocation) {
  core::write_file_atomically(definition_file(), definition(effects(), 3600, true));
  const fs::path marker = dir.path() / "flaky-once";
  const std::string flaky = "--lambda \"flaky=test -e '" + marker.string() + "' || { touch '" +
                            marker.string() + "'; exit 1; }\"";
  const auto crashed = test::run_ae("--log-level warn sfn run '" + definition_file().string() +
                                        "' --clock virtual --name flaky --crash-at Wait " + flaky,
                                    home());
  EXPECT_EQ(record("flaky").status, ExecutionStatus::kRunning) << crashed.err;

  const auto resumed = test::run_ae("--log-level warn sfn resume flaky " + flaky, home());
  EXPECT_EQ(resumed.exit_code, 1) << resumed.out << resumed.err;
  EXPECT_EQ(record("flaky").status, ExecutionStatus::kFailed);
  EXPECT_EQ(record("flaky").failed_state, "Flaky");

  const auto redriven = test::run_ae("--log-level warn sfn redrive flaky " + flaky, home());
  ASSERT_EQ(redriven.exit_code, 0) << redriven.out << redriven.err;
  EXPECT_EQ(output("flaky")["got"]["StandardOutputContent"], "hello\n");
  EXPECT_EQ(line_count(effects()), 1);
}

TEST_F(CommandCrash, AMalformedCrashPointIsAUsageError) {
  core::write_file_atomically(definition_file(), definition(effects(), 1, false));
  const auto run = test::run_ae(
      "sfn run '" + definition_file().string() + "' --clock virtual --crash-at 'Wait#0'", home());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("STATE#N"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(effects()));
}

}  // namespace
}  // namespace ae::states
