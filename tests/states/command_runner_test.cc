// The durable ssm command runner: an invocation runs once per task entry and
// its result outlives the runner (a new runner on the same folder answers
// getCommandInvocation); a command still running in a process whose engine
// died is reattached, not started again; one killed before it reported an
// exit code runs again; timeouts and failures are recorded as AWS reports them.
#include "states/resources/command_runner.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "core/atomic_file.h"
#include "states/run/failure.h"
#include "support/test_support.h"

namespace ae::states {
namespace {

namespace fs = std::filesystem;

TaskRequest send_request(const std::string& command, const std::string& key,
                         const std::string& timeout = "60") {
  return TaskRequest{
      "arn:aws:states:::aws-sdk:ssm:sendCommand",
      "RunStep",
      Json{{"InstanceIds", {"i-1"}},
           {"Parameters", {{"commands", {command}}, {"executionTimeout", {timeout}}}}},
      key,
      {},
      nullptr,
      {}};
}

TaskRequest get_request(const std::string& command_id) {
  return TaskRequest{"arn:aws:states:::aws-sdk:ssm:getCommandInvocation",
                     "WaitForStep",
                     Json{{"CommandId", command_id}, {"InstanceId", "i-1"}},
                     "exec:9",
                     {},
                     nullptr,
                     {}};
}

int line_count(const fs::path& file) {
  std::ifstream in(file);
  int lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

class CommandRunnerTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  fs::path root() const { return dir.path() / "commands"; }
  fs::path effects() const { return dir.path() / "effects.txt"; }
  std::string append_effect(const std::string& then = "") const {
    return "echo ran >> '" + effects().string() + "'; echo out-line; echo err-line >&2" + then;
  }
};

TEST_F(CommandRunnerTest, SendRunsOnceAndAResultSurvivesTheRunner) {
  std::string command_id;
  {
    CommandRunner runner(root());
    const Json sent = runner.send(send_request(append_effect(), "exec:3"));
    command_id = sent["Command"]["CommandId"].get<std::string>();
    EXPECT_EQ(sent["Command"]["Status"], "Pending");
    runner.send(send_request(append_effect(), "exec:3"));  // the same entry again
  }
  EXPECT_EQ(line_count(effects()), 1);
  CommandRunner restarted(root());  // as after the engine's process died
  const Json got = restarted.invocation(get_request(command_id));
  EXPECT_EQ(got["Status"], "Success");
  EXPECT_EQ(got["ResponseCode"], 0);
  EXPECT_EQ(got["StandardOutputContent"], "out-line\n");
  EXPECT_EQ(got["StandardErrorContent"], "err-line\n");
  restarted.send(send_request(append_effect(), "exec:3"));
  EXPECT_EQ(line_count(effects()), 1);
  EXPECT_EQ(restarted.find(command_id)->attempts, 1);
}

TEST_F(CommandRunnerTest, AnotherEntryIsAnotherInvocation) {
  CommandRunner runner(root());
  const Json first = runner.send(send_request(append_effect(), "exec:3"));
  const Json second = runner.send(send_request(append_effect(), "exec:7"));
  EXPECT_NE(first["Command"]["CommandId"], second["Command"]["CommandId"]);
  EXPECT_EQ(line_count(effects()), 2);
}

TEST_F(CommandRunnerTest, UnknownCommandIdIsInvocationDoesNotExist) {
  CommandRunner runner(root());
  try {
    runner.invocation(get_request("0123"));
    FAIL() << "no error";
  } catch (const StateFailure& failure) {
    EXPECT_EQ(failure.error(), "Ssm.InvocationDoesNotExistException");
  }
}

TEST_F(CommandRunnerTest, FailuresAndTimeoutsAreRecorded) {
  CommandRunner runner(root());
  const Json failed = runner.send(send_request("false | cat; echo never", "exec:1"));
  const Json got = runner.invocation(get_request(failed["Command"]["CommandId"]));
  EXPECT_EQ(got["Status"], "Failed");
  EXPECT_EQ(got["ResponseCode"], 1);
  EXPECT_EQ(got["StandardOutputContent"], "");

  const Json slow = runner.send(send_request("echo started; sleep 30", "exec:2", "1"));
  const Json timed_out = runner.invocation(get_request(slow["Command"]["CommandId"]));
  EXPECT_EQ(timed_out["Status"], "TimedOut");
  EXPECT_EQ(timed_out["ResponseCode"], -1);
  EXPECT_EQ(timed_out["StandardOutputContent"], "started\n");
}

TEST_F(CommandRunnerTest, BadParametersAreAnInvalidParametersError) {
  CommandRunner runner(root());
  TaskRequest request = send_request("true", "exec:1");
  request.input["Parameters"].erase("commands");
  EXPECT_THROW(runner.send(request), StateFailure);
  request = send_request("true", "exec:1", "soon");
  try {
    runner.send(request);
    FAIL() << "no error";
  } catch (const StateFailure& failure) {
    EXPECT_EQ(failure.error(), "Ssm.InvalidParametersException");
  }
}

// The engine's process is killed with -9 while the command runs; the command
// goes on in its wrapper. A new runner (the resumed execution) reattaches,
// waits for it and collects its result: it runs once.
TEST_F(CommandRunnerTest, ACommandStillRunningAfterTheEngineDiedIsReattached) {
  const fs::path started = dir.path() / "started";
  const std::string command =
      "touch '" + started.string() + "'; sleep 1; " + append_effect("; echo finished");
  const pid_t engine = ::fork();
  if (engine == 0) {
    CommandRunner runner(root());
    runner.send(send_request(command, "exec:5"));
    ::_exit(0);
  }
  for (int i = 0; i < 500 && !fs::exists(started); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(fs::exists(started)) << "the command never started";
  ::kill(engine, SIGKILL);
  int status = 0;
  ::waitpid(engine, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));

  CommandRunner resumed(root());
  const Json sent = resumed.send(send_request(command, "exec:5"));
  const Json got = resumed.invocation(get_request(sent["Command"]["CommandId"]));
  EXPECT_EQ(got["Status"], "Success");
  EXPECT_EQ(got["StandardOutputContent"], "out-line\nfinished\n");
  EXPECT_EQ(line_count(effects()), 1);
  EXPECT_EQ(resumed.find(sent["Command"]["CommandId"])->attempts, 1);
}

// The command was killed together with the engine (its wrapper claimed it
// but recorded no exit code): the resumed execution runs it again.
TEST_F(CommandRunnerTest, ACommandKilledBeforeItReportedRunsAgain) {
  std::string command_id;
  {
    CommandRunner runner(root());
    command_id = runner.send(send_request("true", "exec:8"))["Command"]["CommandId"];
  }
  // Make the row look in flight and the wrapper look killed mid-command.
  {
    core::Database database(root() / "invocations.sqlite");
    database.execute("UPDATE invocations SET status = 'InProgress'");
  }
  fs::remove(root() / command_id / "exit");
  core::write_file_atomically(root() / command_id / "script.sh",
                              "set -eo pipefail\n" + append_effect() + "\n");
  CommandRunner resumed(root());
  const Json got = resumed.invocation(get_request(command_id));
  EXPECT_EQ(got["Status"], "Success");
  EXPECT_EQ(line_count(effects()), 1);
  EXPECT_EQ(resumed.find(command_id)->attempts, 2);
}

}  // namespace
}  // namespace ae::states
