// Map iterations and Parallel branches run concurrently: MaxConcurrency is
// honoured (counted by a task that waits for its siblings, not timed),
// results keep the input's order, a failure cancels the siblings, a stop
// aborts them, tolerated failures keep their place, each iteration has its
// own $$.State, idempotency keys do not depend on the interleaving, a virtual
// clock gives each lane its own timeline, and the durable history numbers
// concurrent events without a gap.
#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <set>

#include "core/clock.h"
#include "states/parse/parser.h"
#include "states/run/executions.h"
#include "states/run/interpreter.h"
#include "support/test_support.h"

namespace ae::states {
namespace {

const char* kFunction = "arn:aws:lambda:us-east-1:1:function:";

// A task that waits (up to 5 s of real time) until `target` calls have been
// in flight at once, and counts the most it saw: with fewer lanes than the
// target it gives up and the maximum stays below it.
class Rendezvous {
 public:
  Json meet(const Json& input) {
    std::unique_lock lock(mutex_);
    const auto target = input.value("target", 1);
    ++in_flight_;
    most_ = std::max(most_, in_flight_);
    changed_.notify_all();
    changed_.wait_for(lock, std::chrono::seconds(5), [&] { return most_ >= target; });
    --in_flight_;
    return input;
  }
  int most() {
    std::lock_guard lock(mutex_);
    return most_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int in_flight_ = 0;
  int most_ = 0;
};

class EventLog final : public HistorySink {
 public:
  void record(HistoryEvent event) override {
    std::lock_guard lock(mutex_);
    if (stop_after_started_ > 0 && event.type == "MapIterationStarted" &&
        ++started_ == stop_after_started_)
      stop_ = true;
    events_.push_back(std::move(event));
  }
  void checkpoint(const Checkpoint&, bool) override {}
  bool stop_requested() override { return stop_; }
  void stop_after_iterations_started(int count) { stop_after_started_ = count; }
  std::vector<HistoryEvent> events() {
    std::lock_guard lock(mutex_);
    return events_;
  }
  // The sorted iteration indexes of the events of `type`.
  std::vector<int> indexes(const std::string& type) {
    std::vector<int> out;
    for (const auto& event : events())
      if (event.type == type) out.push_back(event.details["index"].get<int>());
    std::sort(out.begin(), out.end());
    return out;
  }
  bool has(const std::string& type) {
    const auto all = events();
    return std::any_of(all.begin(), all.end(), [&](const auto& e) { return e.type == type; });
  }

 private:
  std::mutex mutex_;
  std::vector<HistoryEvent> events_;
  std::atomic<bool> stop_ = false;
  int stop_after_started_ = 0;
  int started_ = 0;
};

class Concurrency : public ::testing::Test {
 protected:
  Concurrency() {
    registry.add_function("meet",
                          [this](const TaskRequest& r) { return rendezvous.meet(r.input); });
    registry.add_function("key", [this](const TaskRequest& r) {
      std::lock_guard lock(keys_mutex);
      keys.insert(r.idempotency_key);
      return Json(r.idempotency_key);
    });
    options.poll_interval = std::chrono::milliseconds(10);
  }

  ExecutionResult run(const std::string& definition, const Json& input, core::Clock& on) {
    Interpreter interpreter(parse_definition(Json::parse(definition)), registry, on, &log, nullptr,
                            options);
    ExecutionInfo info;
    info.id = "arn:aws:states:us-east-1:123456789012:execution:m:x";
    info.name = "x";
    info.input = input;
    info.start_time = on.now();
    return interpreter.run(info);
  }
  ExecutionResult run(const std::string& definition, const Json& input) {
    return run(definition, input, real_clock);
  }

  static Json items(int count, int target) {
    Json out = Json::array();
    for (int i = 0; i < count; ++i) out.push_back({{"i", i}, {"target", target}});
    return {{"items", out}};
  }
  static std::string map_of(const std::string& concurrency, const std::string& processor) {
    return R"({"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", )" +
           concurrency + R"( "ItemProcessor": )" + processor + R"(, "End": true}}})";
  }
  static std::string meet_processor() {
    return std::string(R"({"StartAt": "Meet", "States": {"Meet": {"Type": "Task", "Resource": ")") +
           kFunction + R"(meet", "End": true}}})";
  }

  Rendezvous rendezvous;
  ResourceRegistry registry;
  InterpreterOptions options;
  EventLog log;
  core::RealClock real_clock;
  std::mutex keys_mutex;
  std::set<std::string> keys;
};

TEST_F(Concurrency, MapRunsAtMostMaxConcurrencyIterationsAtOnceInInputOrder) {
  const Json input = items(6, 2);
  auto result = run(map_of(R"("MaxConcurrency": 2,)", meet_processor()), input);
  ASSERT_EQ(result.status, ExecutionStatus::kSucceeded) << result.cause.value_or("");
  EXPECT_EQ(result.output, input["items"]);
  EXPECT_EQ(rendezvous.most(), 2);
  EXPECT_EQ(log.indexes("MapIterationSucceeded"), (std::vector<int>{0, 1, 2, 3, 4, 5}));
}

TEST_F(Concurrency, MapWithoutMaxConcurrencyRunsEveryIterationAtOnce) {
  auto result = run(map_of("", meet_processor()), items(5, 5));
  ASSERT_EQ(result.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(rendezvous.most(), 5);
}

TEST_F(Concurrency, ParallelRunsItsBranchesAtOnce) {
  const std::string branch = R"({"StartAt": "Meet", "States": {"Meet": {"Type": "Task",
      "Resource": ")" + std::string(kFunction) +
                             R"(meet", "Parameters": {"target": 3, "b.$": "$.b"}, "End": true}}})";
  auto result = run(R"({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
      "Branches": [)" + branch +
                        "," + branch + "," + branch + "]}}}",
                    Json{{"b", 7}});
  ASSERT_EQ(result.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(result.output, Json::parse(R"([{"target": 3, "b": 7}, {"target": 3, "b": 7},
                                           {"target": 3, "b": 7}])"));
  EXPECT_EQ(rendezvous.most(), 3);
}

// Once all three are running, iteration 0 fails; the others wait an hour on
// the real clock, so the execution ends only because they are cancelled.
const std::string kOneFailsOthersWait = R"({"StartAt": "Meet", "States": {
  "Meet": {"Type": "Task", "Resource": ")" +
                                        std::string(kFunction) + R"(meet", "Next": "Which"},
  "Which": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericEquals": 0, "Next": "Boom"}],
            "Default": "Hour"},
  "Boom": {"Type": "Fail", "Error": "Boom", "Cause": "iteration 0"},
  "Hour": {"Type": "Wait", "Seconds": 3600, "End": true}}})";

TEST_F(Concurrency, AFailedIterationCancelsTheOthers) {
  auto result = run(map_of("", kOneFailsOthersWait), items(3, 3));
  EXPECT_EQ(result.status, ExecutionStatus::kFailed);
  EXPECT_EQ(result.error, "Boom");
  EXPECT_EQ(log.indexes("MapIterationFailed"), std::vector<int>{0});
  EXPECT_EQ(log.indexes("MapIterationAborted"), (std::vector<int>{1, 2}));
  EXPECT_TRUE(log.has("MapStateFailed"));
}

TEST_F(Concurrency, AFailedBranchCancelsTheOtherBranches) {
  auto result = run(R"({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
      "Branches": [{"StartAt": "Hour", "States": {"Hour": {"Type": "Wait", "Seconds": 3600, "End": true}}},
                   {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Boom"}}}]}}})",
                    Json::object());
  EXPECT_EQ(result.status, ExecutionStatus::kFailed);
  EXPECT_EQ(result.error, "Boom");
  EXPECT_TRUE(log.has("ParallelStateFailed"));
}

TEST_F(Concurrency, ToleratedFailuresKeepTheirPlaceAndTheThresholdStillHolds) {
  const std::string processor = R"({"StartAt": "Which", "States": {
    "Which": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericGreaterThanEquals": 2,
              "Next": "Boom"}], "Default": "Meet"},
    "Boom": {"Type": "Fail", "Error": "Boom", "Cause": "late item"},
    "Meet": {"Type": "Task", "Resource": ")" +
                                std::string(kFunction) +
                                R"(meet", "OutputPath": "$.i", "End": true}}})";
  auto tolerated = run(map_of(R"("ToleratedFailureCount": 2,)", processor), items(4, 2));
  ASSERT_EQ(tolerated.status, ExecutionStatus::kSucceeded) << tolerated.cause.value_or("");
  EXPECT_EQ(tolerated.output, Json::parse(R"([0, 1, {"Error": "Boom", "Cause": "late item"},
                                              {"Error": "Boom", "Cause": "late item"}])"));
  auto exceeded = run(map_of(R"("ToleratedFailureCount": 1,)", processor), items(4, 1));
  EXPECT_EQ(exceeded.status, ExecutionStatus::kFailed);
  EXPECT_EQ(exceeded.error, "States.ExceedToleratedFailureThreshold");
}

TEST_F(Concurrency, AStopAbortsTheRunningIterations) {
  log.stop_after_iterations_started(3);
  const std::string hour =
      R"({"StartAt": "Hour", "States": {"Hour": {"Type": "Wait", "Seconds": 3600, "End": true}}})";
  auto result = run(map_of("", hour), items(3, 1));
  EXPECT_EQ(result.status, ExecutionStatus::kAborted);
  EXPECT_EQ(log.indexes("MapIterationAborted"), (std::vector<int>{0, 1, 2}));
  EXPECT_TRUE(log.has("MapStateAborted"));
  EXPECT_EQ(log.events().back().type, "ExecutionAborted");
}

// Each iteration reads its own state's name from $$ while the others run;
// the execution's members come from the one shared context.
TEST_F(Concurrency, EachIterationHasItsOwnStateContext) {
  const std::string processor = R"({"StartAt": "Meet", "States": {
    "Meet": {"Type": "Task", "Resource": ")" +
                                std::string(kFunction) +
                                R"(meet", "Next": "Which"},
    "Which": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericEquals": 1, "Next": "Odd"},
              {"Variable": "$.i", "NumericEquals": 3, "Next": "Odd"}], "Default": "Even"},
    "Odd": {"Type": "Pass", "Parameters": {"state.$": "$$.State.Name", "whole.$": "$$"}, "End": true},
    "Even": {"Type": "Pass", "Parameters": {"state.$": "$$.State.Name", "execution.$": "$$.Execution.Name"},
             "End": true}}})";
  auto result = run(map_of("", processor), items(4, 4));
  ASSERT_EQ(result.status, ExecutionStatus::kSucceeded) << result.cause.value_or("");
  for (int even : {0, 2}) {
    EXPECT_EQ(result.output[even]["state"], "Even");
    EXPECT_EQ(result.output[even]["execution"], "x");
  }
  for (int odd : {1, 3}) {
    const Json& whole = result.output[odd]["whole"];
    EXPECT_EQ(result.output[odd]["state"], "Odd");
    EXPECT_EQ(whole["State"]["Name"], "Odd");
    EXPECT_EQ(whole["Execution"]["Name"], "x");
    EXPECT_EQ(whole["StateMachine"].size(), 2u);
    std::vector<std::string> members;
    for (const auto& [name, value] : whole.items()) members.push_back(name);
    EXPECT_EQ(members, (std::vector<std::string>{"Execution", "StateMachine", "State"}));
  }
}

// The keys name the Map's entry, the iteration and the step within it (and a
// nested Parallel's branch): the same on every run, however they interleave.
TEST_F(Concurrency, IdempotencyKeysDoNotDependOnTheInterleaving) {
  const std::string key = std::string(R"({"Type": "Task", "Resource": ")") + kFunction + R"(key")";
  const std::string processor = R"({"StartAt": "First", "States": {
    "First": {"Type": "Pass", "Next": "Key"},
    "Key": )" + key + R"(, "Next": "Both"},
    "Both": {"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "K", "States": {"K": )" +
                                key +
                                R"(, "End": true}}},
      {"StartAt": "K", "States": {"K": )" +
                                key + R"(, "End": true}}}]}}})";
  const std::string id = "arn:aws:states:us-east-1:123456789012:execution:m:x";
  std::set<std::string> expected;
  for (int i = 0; i < 4; ++i) {
    const std::string iteration = id + ":2/" + std::to_string(i);
    expected.insert(iteration + ":2");
    expected.insert(iteration + ":3/0:1");
    expected.insert(iteration + ":3/1:1");
  }
  for (int round = 0; round < 3; ++round) {
    keys.clear();
    auto result = run(map_of(R"("MaxConcurrency": 3,)", processor), items(4, 1));
    ASSERT_EQ(result.status, ExecutionStatus::kSucceeded) << result.cause.value_or("");
    EXPECT_EQ(keys, expected);
  }
}

// On a virtual clock every lane has its own timeline from the state's start.
TEST_F(Concurrency, AVirtualClockGivesEachLaneItsOwnTimeline) {
  const std::string wait =
      R"({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10, "End": true}}})";
  const auto start = core::parse_timestamp("2026-03-02T14:30:00Z");
  auto elapsed = [&](const std::string& definition) {
    core::VirtualClock clock(start);
    auto result = run(definition, items(4, 1), clock);
    EXPECT_EQ(result.status, ExecutionStatus::kSucceeded);
    return std::chrono::duration_cast<std::chrono::seconds>(clock.now() - start).count();
  };
  EXPECT_EQ(elapsed(map_of("", wait)), 10);
  EXPECT_EQ(elapsed(map_of(R"("MaxConcurrency": 2,)", wait)), 20);
  EXPECT_EQ(elapsed(map_of(R"("MaxConcurrency": 1,)", wait)), 40);
  EXPECT_EQ(
      elapsed(R"({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5, "End": true}}},
      {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 30, "End": true}}}]}}})"),
      30);
}

// Through the durable service: concurrent iterations' events are numbered
// 1..N without a gap or a repeat, every iteration's events are there.
TEST_F(Concurrency, TheDurableHistoryNumbersConcurrentEventsWithoutAGap) {
  test::TempDir dir;
  HistoryStore store(dir.path() / "executions.sqlite");
  ExecutionService service(store, registry, real_clock);
  auto record = service.start(
      {map_of(R"("MaxConcurrency": 4,)", meet_processor()), items(4, 4), "concurrent", "m"});
  ASSERT_EQ(record.status, ExecutionStatus::kSucceeded);
  const auto events = store.events(record.id);
  for (size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].id, static_cast<long long>(i + 1));
  int succeeded = 0, scheduled = 0;
  for (const auto& event : events) {
    succeeded += event.type == "MapIterationSucceeded";
    scheduled += event.type == "TaskScheduled";
  }
  EXPECT_EQ(succeeded, 4);
  EXPECT_EQ(scheduled, 4);
  EXPECT_EQ(rendezvous.most(), 4);
}

}  // namespace
}  // namespace ae::states
