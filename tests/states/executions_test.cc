// Durable executions: history and checkpoints in SQLite, resume after a
// simulated crash (an exception that is not an ASL failure escapes the
// interpreter, as a killed process would stop it), redrive, stop, task tokens;
// and the built-in resources (external task functions, the SSM runner, ec2).
#include "states/run/executions.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/error.h"
#include "states/parse/parser.h"
#include "states/resources/builtin_resources.h"
#include "states/run/execution_clock.h"
#include "states/run/failure.h"
#include "states/run/interpreter.h"
#include "support/test_support.h"

namespace ae::states {
namespace {

struct Crash {};

const char* kThreeTasks = R"json({"StartAt": "One", "States": {
  "One": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:step", "ResultPath": "$.one", "Next": "Two"},
  "Two": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:step", "ResultPath": "$.two", "Next": "Three"},
  "Three": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:step", "ResultPath": "$.three", "End": true}}})json";

class Executions : public ::testing::Test {
 protected:
  test::TempDir dir;
  core::VirtualClock clock{core::parse_timestamp("2026-03-02T14:30:00Z")};
  HistoryStore store{dir.path() / "executions.sqlite"};
};

TEST_F(Executions, RecordsHistoryAndOutput) {
  ResourceRegistry registry;
  registry.add_function("step", [](const TaskRequest& r) { return Json(r.state_name); });
  ExecutionService service(store, registry, clock);
  auto record = service.start({kThreeTasks, Json{{"x", 1}}, "run-1", "three", "virtual"});
  EXPECT_EQ(record.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(record.output,
            Json::parse(R"json({"x": 1, "one": "One", "two": "Two", "three": "Three"})json"));
  auto events = store.events(record.id);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().type, "ExecutionStarted");
  EXPECT_EQ(events.back().type, "ExecutionSucceeded");
  for (size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].id, static_cast<long long>(i + 1));
  EXPECT_THROW(service.start({kThreeTasks, Json::object(), "run-1", "three", "virtual"}),
               core::InvalidInput);
}

// A service parses each definition text once: texts that differ by one
// character still run their own machines, and an invalid text is refused
// every time (a failed parse is not kept).
TEST_F(Executions, EachDefinitionTextRunsItsOwnMachine) {
  const ResourceRegistry registry;
  ExecutionService service(store, registry, clock);
  const auto pass = [](const std::string& result) {
    return R"json({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": ")json" + result +
           R"json(", "End": true}}})json";
  };
  for (int round = 0; round < 3; ++round)
    for (const char* result : {"a", "b"}) {
      const auto name = std::string(result) + "-" + std::to_string(round);
      const auto record = service.start({pass(result), Json::object(), name, "pass", "virtual"});
      EXPECT_EQ(record.output, Json(result)) << name;
    }
  const std::string invalid = R"json({"StartAt": "Nowhere", "States": {}})json";
  for (const char* name : {"bad-1", "bad-2"})
    EXPECT_THROW(service.start({invalid, Json::object(), name, "bad", "virtual"}), DefinitionError);
}

TEST_F(Executions, ResumeAfterCrashRerunsTheTaskInFlightWithTheSameKey) {
  std::vector<std::string> keys;
  int side_effects = 0;
  bool crash = true;
  ResourceRegistry registry;
  registry.add_function("step", [&](const TaskRequest& r) -> Json {
    keys.push_back(r.state_name + "@" + r.idempotency_key);
    if (r.state_name == "Two" && crash) throw Crash{};  // the process dies mid-task
    ++side_effects;
    return Json(r.state_name);
  });
  ExecutionService service(store, registry, clock);
  EXPECT_THROW(service.start({kThreeTasks, Json::object(), "crashy", "three", "virtual"}), Crash);
  EXPECT_EQ(store.get("crashy").status, ExecutionStatus::kRunning);
  crash = false;
  auto record = service.resume("crashy");
  EXPECT_EQ(record.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(record.output,
            Json::parse(R"json({"one": "One", "two": "Two", "three": "Three"})json"));
  ASSERT_EQ(keys.size(), 4u);
  EXPECT_EQ(keys[1], keys[2]) << "the re-run task must see the same idempotency key";
  EXPECT_EQ(side_effects, 3);
  EXPECT_THROW(service.resume("crashy"), core::InvalidInput);
}

// `polls` polls of Pass + Choice + Wait 60 s; the last ends in Succeed.
std::string polling_loop(int polls) {
  return R"json({"StartAt": "Poll", "States": {
  "Poll": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "Done?"},
  "Done?": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThanEquals": )json" +
         std::to_string(polls) + R"json(,
            "Next": "Finished"}], "Default": "Sleep"},
  "Sleep": {"Type": "Wait", "Seconds": 60, "Next": "Poll"},
  "Finished": {"Type": "Succeed"}}})json";
}

// Passes everything to the durable sink and dies (throws Crash) when it is
// handed event `crash_at`: a crash between two commits.
class CrashAtEvent final : public HistorySink {
 public:
  CrashAtEvent(HistorySink& durable, long long crash_at) : durable_(durable), crash_at_(crash_at) {}
  void record(HistoryEvent event) override {
    if (event.id == crash_at_) throw Crash{};
    durable_.record(std::move(event));
  }
  void checkpoint(const Checkpoint& checkpoint, bool side_effects) override {
    durable_.checkpoint(checkpoint, side_effects);
  }
  bool wants_checkpoint(bool side_effects) override {
    return durable_.wants_checkpoint(side_effects);
  }
  bool stop_requested() override { return durable_.stop_requested(); }
  void flush() override { durable_.flush(); }

 private:
  HistorySink& durable_;
  long long crash_at_;
};

// A Wait on a virtual clock commits like a pure state: the first commit
// comes after kGroupCommit states whatever their type, a crash after it loses
// the Waits since, and the resumed run (on the clock `ae sfn resume` gives
// it: from the last event written) replays them to the same output, the same
// end instant and one unbroken numbering.
TEST_F(Executions, VirtualWaitsLostInACrashReplayToTheSameEnd) {
  constexpr int kBatch = ExecutionRecorder::kGroupCommit;
  const std::string loop = polling_loop(kBatch);  // about 3 x kBatch states
  const ResourceRegistry registry;
  ExecutionService clean_service(store, registry, clock);
  const auto clean = clean_service.start({loop, Json{{"n", 0}}, "clean", "loop", "virtual"});
  ASSERT_EQ(clean.status, ExecutionStatus::kSucceeded);
  const auto clean_events = store.events(clean.id);

  core::VirtualClock crash_clock(core::parse_timestamp("2026-03-02T14:30:00Z"));
  ExecutionService crashing(store, registry, crash_clock);
  // State k is entered as event 2k: crash 50 states after the first commit.
  crashing.decorate_history([](HistorySink& durable) -> std::unique_ptr<HistorySink> {
    return std::make_unique<CrashAtEvent>(durable, 2 * (kBatch + 50));
  });
  EXPECT_THROW(crashing.start({loop, Json{{"n", 0}}, "crashy", "loop", "virtual"}), Crash);
  const auto interrupted = store.get("crashy");
  EXPECT_EQ(interrupted.status, ExecutionStatus::kRunning);
  EXPECT_EQ(store.events(interrupted.id).size(), static_cast<size_t>(2 * kBatch))
      << "committed up to the entry of state kBatch, none at the Waits";

  const auto resume_clock = execution_clock(store, interrupted, "virtual");
  ExecutionService resuming(store, registry, *resume_clock);
  const auto resumed = resuming.resume("crashy");
  ASSERT_EQ(resumed.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(resumed.output, clean.output);
  const auto events = store.events(resumed.id);
  for (size_t i = 0; i < events.size(); ++i)
    EXPECT_EQ(events[i].id, static_cast<long long>(i + 1)) << "event ids run 1..N";
  EXPECT_EQ(events.size(), clean_events.size() + 2)
      << "the same events, ExecutionResumed and the resumed state's entry again";
  EXPECT_EQ(events.back().type, "ExecutionSucceeded");
  EXPECT_EQ(events.back().timestamp, clean_events.back().timestamp);
}

// Records, for each state entered, whether its checkpoint was asked for as
// one before a side effect.
class CheckpointSpy final : public HistorySink {
 public:
  void record(HistoryEvent event) override {
    if (event.type.ends_with("StateEntered")) entered_ = event.state;
  }
  void checkpoint(const Checkpoint&, bool) override {}
  bool wants_checkpoint(bool side_effects) override {
    side_effect_[entered_] = side_effects;
    return true;
  }
  std::map<std::string, bool> side_effect_;

 private:
  std::string entered_;
};

TEST(CheckpointPolicy, AWaitIsASideEffectOnlyOnARealClock) {
  auto machine = parse_definition(Json::parse(R"json({"StartAt": "Sleep", "States": {
    "Sleep": {"Type": "Wait", "Seconds": 0, "Next": "Done"},
    "Done": {"Type": "Pass", "End": true}}})json"));
  const ResourceRegistry registry;
  ExecutionInfo info;
  info.id = "policy";
  info.input = Json::object();
  core::VirtualClock virtual_clock(core::parse_timestamp("2026-03-02T14:30:00Z"));
  core::RealClock real_clock;
  CheckpointSpy on_virtual, on_real;
  Interpreter(machine, registry, virtual_clock, &on_virtual, nullptr).run(info);
  Interpreter(machine, registry, real_clock, &on_real, nullptr).run(info);
  EXPECT_FALSE(on_virtual.side_effect_.at("Sleep"));
  EXPECT_TRUE(on_real.side_effect_.at("Sleep"));
  EXPECT_FALSE(on_real.side_effect_.at("Done"));
}

TEST_F(Executions, RedriveRestartsFromTheFailedState) {
  bool broken = true;
  int calls_one = 0;
  ResourceRegistry registry;
  registry.add_function("step", [&](const TaskRequest& r) -> Json {
    if (r.state_name == "One") ++calls_one;
    if (r.state_name == "Three" && broken) throw StateFailure("Broken", "still broken");
    return Json(r.state_name);
  });
  ExecutionService service(store, registry, clock);
  auto failed = service.start({kThreeTasks, Json::object(), "redrive-me", "three", "virtual"});
  EXPECT_EQ(failed.status, ExecutionStatus::kFailed);
  EXPECT_EQ(failed.failed_state, "Three");
  EXPECT_EQ(failed.error, "Broken");
  broken = false;
  auto record = service.redrive("redrive-me");
  EXPECT_EQ(record.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(record.redrive_count, 1);
  EXPECT_EQ(calls_one, 1) << "states before the failure are not run again";
  EXPECT_EQ(record.output["three"], "Three");
  EXPECT_THROW(service.redrive("redrive-me"), core::InvalidInput);
}

TEST_F(Executions, StopAbortsAtTheNextState) {
  ResourceRegistry registry;
  ExecutionService* self = nullptr;
  registry.add_function("step", [&](const TaskRequest& r) -> Json {
    if (r.state_name == "One") self->stop("stop-me");
    return Json(r.state_name);
  });
  ExecutionService service(store, registry, clock);
  self = &service;
  auto record = service.start({kThreeTasks, Json::object(), "stop-me", "three", "virtual"});
  EXPECT_EQ(record.status, ExecutionStatus::kAborted);
  EXPECT_EQ(store.events(record.id).back().type, "ExecutionAborted");
}

TEST_F(Executions, TaskTokensCompleteThroughTheStore) {
  const char* definition = R"json({"StartAt": "Wait", "States": {"Wait": {"Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "HeartbeatSeconds": 600,
      "Parameters": {"FunctionName": "notify", "Payload": {"token.$": "$$.Task.Token"}}, "End": true}}})json";
  ResourceRegistry registry;
  registry.add_function("notify", [&](const TaskRequest& r) -> Json {
    // Someone else answers (here at once, through the store as the CLI does).
    store.heartbeat_token(r.input["token"], clock.now());
    store.complete_token(r.input["token"], {true, Json{{"approved", true}}, "", ""});
    return nullptr;
  });
  ExecutionService service(store, registry, clock);
  auto record = service.start({definition, Json::object(), "token", "approve", "virtual"});
  EXPECT_EQ(record.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(record.output, Json({{"approved", true}}));
}

TEST(BuiltinResources, ExternalFunctionsUseStdinStdoutAndExitCodes) {
  ResourceRegistry registry;
  add_command_function(
      registry, "double",
      "python3 -c 'import json,sys; e=json.load(sys.stdin); print(json.dumps({\"v\": e[\"v\"]*2, "
      "\"key\": __import__(\"os\").environ[\"AE_IDEMPOTENCY_KEY\"]}))'");
  add_command_function(registry, "typed",
                       "echo '{\"errorType\": \"Bad.Input\", \"errorMessage\": \"no\"}'; exit 2");
  add_command_function(registry, "plain", "echo oops >&2; exit 1");
  core::VirtualClock clock(core::parse_timestamp("2026-03-02T14:30:00Z"));
  TaskRequest request{
      "arn:aws:lambda:us-east-1:1:function:double", "S", Json{{"v", 21}}, "exec:7", {}, &clock, {}};
  EXPECT_EQ(registry.invoke(request), Json::parse(R"json({"v": 42, "key": "exec:7"})json"));
  request.resource = "arn:aws:lambda:us-east-1:1:function:typed";
  try {
    registry.invoke(request);
    FAIL();
  } catch (const StateFailure& f) {
    EXPECT_EQ(f.error(), "Bad.Input");
    EXPECT_EQ(f.cause(), "no");
  }
  request.resource = "arn:aws:lambda:us-east-1:1:function:plain";
  try {
    registry.invoke(request);
    FAIL();
  } catch (const StateFailure& f) {
    EXPECT_EQ(f.error(), errors::kTaskFailed);
    EXPECT_NE(f.cause().find("oops"), std::string::npos);
  }
}

TEST(BuiltinResources, SsmRunnerFailsAPipelineWhoseFirstStageFails) {
  ResourceRegistry registry;
  test::TempDir dir;
  BuiltinServices services;
  services.commands = std::make_shared<CommandRunner>(dir.path());
  add_builtin_resources(registry, services);
  core::VirtualClock clock(core::parse_timestamp("2026-03-02T14:30:00Z"));
  auto run = [&](const std::string& command, const std::string& key) {
    TaskRequest send{"arn:aws:states:::aws-sdk:ssm:sendCommand",
                     "S",
                     Json{{"InstanceIds", {"i-1"}}, {"Parameters", {{"commands", {command}}}}},
                     key,
                     {},
                     &clock,
                     {}};
    Json sent = registry.invoke(send);
    TaskRequest get{"arn:aws:states:::aws-sdk:ssm:getCommandInvocation",
                    "S",
                    Json{{"CommandId", sent["Command"]["CommandId"]}, {"InstanceId", "i-1"}},
                    key,
                    {},
                    &clock,
                    {}};
    return registry.invoke(get);
  };
  auto good = run("echo hello | tr a-z A-Z", "k1");
  EXPECT_EQ(good["Status"], "Success");
  EXPECT_EQ(good["StandardOutputContent"], "HELLO\n");
  auto piped = run("false | tee /dev/null", "k2");
  EXPECT_EQ(piped["Status"], "Failed") << "pipefail: the guard's failure must not be lost to tee";

  TaskRequest start{"arn:aws:states:::aws-sdk:ec2:startInstances",
                    "S",
                    Json{{"InstanceIds", {"i-9"}}},
                    "k3",
                    {},
                    &clock,
                    {}};
  EXPECT_EQ(registry.invoke(start)["StartingInstances"][0]["CurrentState"]["Name"], "pending");
  ASSERT_EQ(services.hosts->calls().size(), 1u);
  EXPECT_EQ(services.hosts->calls()[0].action, "startInstances");
}

}  // namespace
}  // namespace ae::states
