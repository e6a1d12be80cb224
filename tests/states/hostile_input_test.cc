// Hostile input against the engine: documents nested past the depth limit,
// payloads past 256 KiB, selections and merges that would grow without
// bound, arithmetic at the edges of 64 bits, and task processes that outlive
// their command. Each fails one state (or is refused before the execution
// is recorded) with a clear error; nothing oversized reaches the history.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <functional>
#include <limits>

#include "core/atomic_file.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/json_limits.h"
#include "core/termination.h"
#include "states/parse/intrinsics.h"
#include "states/parse/parser.h"
#include "states/parse/warnings.h"
#include "states/resources/builtin_resources.h"
#include "states/run/executions.h"
#include "states/run/failure.h"
#include "states/run/interpreter.h"
#include "support/test_support.h"

namespace ae::states {
namespace {

std::string nested_arrays(size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

// {"a": {"a": ... {"a": leaf}}}, `depth` objects deep.
Json nested_objects(size_t depth, Json leaf) {
  for (size_t i = 0; i < depth; ++i) leaf = Json{{"a", std::move(leaf)}};
  return leaf;
}

Json evaluate(const std::string& expression, const Json& data) {
  const Json context = Json::object();
  const Variables variables;
  return Intrinsic::parse(expression).evaluate(Scope{data, context, variables});
}

std::string failure_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const StateFailure& failure) {
    return failure.error() + ": " + failure.cause();
  }
  return "(no failure)";
}

const char* kOneTask = R"json({"StartAt": "T", "States": {
  "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "End": true}}})json";

class HostileInput : public ::testing::Test {
 protected:
  test::TempDir dir;
  core::VirtualClock clock{core::parse_timestamp("2026-03-02T14:30:00Z")};
  HistoryStore store{dir.path() / "executions.sqlite"};

  // Every history event's details, as stored.
  size_t largest_event(const std::string& id) {
    size_t largest = 0;
    for (const auto& event : store.events(id))
      largest = std::max(largest, event.details.dump().size());
    return largest;
  }
};

TEST_F(HostileInput, TaskOutputNestedTooDeepFailsTheStateAndTheExecutionEnds) {
  ResourceRegistry registry;
  const auto file = dir.path() / "deep.json";
  core::write_file_atomically(file, nested_arrays(100000));
  add_command_function(registry, "f", "cat '" + file.string() + "'");
  ExecutionService service(store, registry, clock);
  const auto record = service.start({kOneTask, Json::object(), "deep", "m", "virtual"});
  EXPECT_EQ(record.status, ExecutionStatus::kFailed);
  EXPECT_EQ(record.error, errors::kDataLimitExceeded);
  EXPECT_EQ(record.cause, "task function 'f' printed JSON nested deeper than 1000 levels");
  EXPECT_THROW(service.resume("deep"), core::InvalidInput) << "the execution is over, not RUNNING";
}

TEST_F(HostileInput, TaskResultOverTheLimitIsNeverStoredInTheHistory) {
  ResourceRegistry registry;
  add_command_function(registry, "f", "head -c 3000000 /dev/zero | tr '\\0' a | sed 's/.*/\"&\"/'");
  ExecutionService service(store, registry, clock);
  const auto record = service.start({kOneTask, Json::object(), "big", "m", "virtual"});
  EXPECT_EQ(record.status, ExecutionStatus::kFailed);
  EXPECT_EQ(record.error, errors::kDataLimitExceeded);
  EXPECT_LT(largest_event(record.id), 10000u);

  ResourceRegistry in_process;  // a result built in memory, over the limit
  in_process.add_function("f", [](const TaskRequest&) { return Json(std::string(300000, 'x')); });
  ExecutionService second(store, in_process, clock);
  const auto other = second.start({kOneTask, Json::object(), "big-2", "m", "virtual"});
  EXPECT_EQ(other.error, errors::kDataLimitExceeded);
  EXPECT_EQ(other.cause,
            "The state/task 'T' returned a result with a size exceeding the maximum number of "
            "bytes service limit.");
  EXPECT_LT(largest_event(other.id), 10000u);
}

TEST_F(HostileInput, ExecutionInputOverTheLimitIsRefusedBeforeItIsRecorded) {
  ResourceRegistry registry;
  registry.add_function("f", [](const TaskRequest& r) { return r.input; });
  ExecutionService service(store, registry, clock);
  const Json big = {{"x", std::string(300000, 'x')}};
  try {
    service.start({kOneTask, big, "huge", "m", "virtual"});
    FAIL() << "accepted";
  } catch (const core::InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("over the payload limit of 262144 bytes"),
              std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(store.find("huge"));
  Json deep = Json::array();
  for (int i = 0; i < 50000; ++i) deep = Json::array({std::move(deep)});
  EXPECT_THROW(service.start({kOneTask, Json{{"d", std::move(deep)}}, "deep", "m", "virtual"}),
               core::InvalidInput);
  EXPECT_FALSE(store.find("deep"));
  EXPECT_THROW(parse_execution_input(std::string(300000, ' ') + "{}", "--input"),
               core::InvalidInput);
  EXPECT_THROW(parse_execution_input(nested_arrays(100000), "--input"), core::InvalidInput);
}

TEST_F(HostileInput, OutputGrowingDeeperStateByStateFailsWithDataLimitExceeded) {
  const char* kNest = R"json({"StartAt": "Nest", "States": {
    "Nest": {"Type": "Pass", "Parameters": {"n.$": "$"}, "Next": "Check"},
    "Check": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}],
              "Default": "Nest"},
    "Done": {"Type": "Succeed"}}})json";
  ResourceRegistry registry;
  ExecutionService service(store, registry, clock);
  const auto record = service.start({kNest, Json::object(), "nest", "m", "virtual"});
  EXPECT_EQ(record.error, errors::kDataLimitExceeded);
  EXPECT_EQ(record.cause,
            "The state/task 'Nest' returned a result nested deeper than 1000 levels.");
  EXPECT_EQ(record.failed_state, "Nest");
}

TEST_F(HostileInput, DeepDefinitionIsRefusedWithOneProblem) {
  const std::string text =
      "{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"End\": "
      "true, \"Result\": " +
      nested_arrays(10000) + "}}}";
  try {
    parse_definition_text(text);
    FAIL() << "accepted";
  } catch (const DefinitionError& e) {
    EXPECT_EQ(e.problems(), std::vector<std::string>{"/: JSON nested deeper than 1000 levels"});
  }
}

TEST(HostileIntrinsics, StringToJsonRefusesADeepDocument) {
  const Json data = {{"t", nested_arrays(120000)}};
  EXPECT_EQ(failure_of([&] { evaluate("States.StringToJson($.t)", data); }),
            "States.IntrinsicFailure: Invalid arguments in States.StringToJson: JSON nested "
            "deeper than 1000 levels");
  EXPECT_EQ(evaluate("States.StringToJson($.t)", Json{{"t", nested_arrays(1000)}}),
            Json::parse(nested_arrays(1000)));
}

TEST(HostileIntrinsics, NestedCallsBeyondTheLimitAreASyntaxError) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "States.Array(";
  text += "1" + std::string(5000, ')');
  EXPECT_THROW(Intrinsic::parse(text), core::InvalidInput);
}

TEST(HostileIntrinsics, RecursiveDescentOnDeepInputIsBounded) {
  // 200 levels: every subtree is copied once, well within the limit.
  EXPECT_EQ(evaluate("States.ArrayLength($..*)", Json::parse(nested_arrays(200))), 199);
  // 1000 levels holding a wide leaf: the overlapping selection would be
  // hundreds of megabytes; it stops at the payload limit instead.
  const Json deep = nested_objects(1000, std::string(1000, 'x'));
  EXPECT_EQ(failure_of([&] { evaluate("States.ArrayLength($..*)", deep); }),
            "States.DataLimitExceeded: The JSONPath '$..*' selects more than 262144 bytes");
  // Descents inside descents multiply the matches (C(99, 4) here): stopped.
  EXPECT_EQ(failure_of([] {
              evaluate("States.ArrayLength($..*..*..*..*)", Json::parse(nested_arrays(100)));
            }),
            "States.DataLimitExceeded: a JSONPath selects more than 262144 values");
}

TEST(HostileIntrinsics, DeepMergeOfTheDeepestDocumentsIsLinear) {
  const Json left = nested_objects(999, Json{{"left", 1}});
  const Json right = nested_objects(999, Json{{"right", 2}});
  Json merged = evaluate("States.JsonMerge($.l, $.r, true)", Json{{"l", left}, {"r", right}});
  const Json* leaf = &merged;
  for (int i = 0; i < 999; ++i) leaf = &leaf->at("a");
  EXPECT_EQ(*leaf, Json::parse(R"({"left": 1, "right": 2})"));
}

TEST(HostileIntrinsics, MathAddNeverWraps) {
  EXPECT_EQ(failure_of([] { evaluate("States.MathAdd(9223372036854775807, 1)", Json::object()); }),
            "States.IntrinsicFailure: Invalid arguments in States.MathAdd: the sum of "
            "9223372036854775807 and 1 is outside the 64-bit integer range");
  EXPECT_EQ(failure_of([] {
              evaluate("States.MathAdd($.a, 0)", Json{{"a", 18446744073709551615ULL}});
            }),
            "States.IntrinsicFailure: Invalid arguments in States.MathAdd: argument 1 "
            "(18446744073709551615) is outside the 64-bit integer range");
  EXPECT_EQ(failure_of([] {
              evaluate("States.MathAdd($.a, 0)", Json{{"a", 1e300}});
            }).substr(0, 23),
            "States.IntrinsicFailure");
  EXPECT_EQ(evaluate("States.MathAdd(-9223372036854775807, -1)", Json::object()),
            Json(std::numeric_limits<long long>::min()));
  EXPECT_EQ(evaluate("States.MathAdd(9223372036854775806, 1)", Json::object()),
            Json(std::numeric_limits<long long>::max()));
}

TEST(HostileIntrinsics, Base64DecodeOfBytesThatAreNotUtf8YieldsText) {
  // 0xFF, and "h" + Latin-1 "é" (0xE9): each byte that is not UTF-8 reads as U+FFFD.
  EXPECT_EQ(evaluate("States.Base64Decode('/w==')", Json::object()), Json("\uFFFD"));
  EXPECT_EQ(evaluate("States.Base64Decode('aOk=')", Json::object()), Json("h\uFFFD"));
  EXPECT_EQ(evaluate("States.Base64Decode('aMOp')", Json::object()), Json("hé"));
}

TEST(HostileIntrinsics, StringSplitSplitsOnCharactersNeverInsideOne) {
  // ä (C3 A4) shares its first byte with the delimiter é (C3 A9).
  EXPECT_EQ(evaluate("States.StringSplit('aäb', 'é')", Json::object()), Json::array({"aäb"}));
  EXPECT_EQ(evaluate("States.StringSplit('aébéc', 'é,')", Json::object()),
            Json::array({"a", "b", "c"}));
}

TEST_F(HostileInput, AnExecutionOverDecodedBytesThatAreNotUtf8Succeeds) {
  // It ended with a JSON type_error, its record left RUNNING.
  ResourceRegistry registry;
  ExecutionService service(store, registry, clock);
  const auto record = service.start({R"json({"StartAt": "S", "States": {"S": {"Type": "Pass",
    "Parameters": {"x.$": "States.Base64Decode('/w==')"}, "End": true}}})json",
                                     Json::object(), "decoded", "m", "virtual"});
  EXPECT_EQ(record.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(record.output, Json({{"x", "\uFFFD"}}));
}

TEST(HostileIntrinsics, ArrayRangeEndsAtTheSixtyFourBitEdge) {
  // The next value overflowed (undefined behaviour) instead of ending the range.
  EXPECT_EQ(
      evaluate("States.ArrayRange(9223372036854775806, 9223372036854775807, 5)", Json::object()),
      Json::array({9223372036854775806LL}));
  EXPECT_EQ(
      evaluate("States.ArrayRange(-9223372036854775807, -9223372036854775808, -2)", Json::object()),
      Json::array({-9223372036854775807LL}));
}

class HostileWait : public HostileInput {
 protected:
  ExecutionRecord wait_for(const Json& seconds, const std::string& name) {
    ResourceRegistry registry;
    ExecutionService service(store, registry, clock);
    return service.start({R"json({"StartAt": "W", "States": {
      "W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}})json",
                          Json{{"s", seconds}}, name, "m", "virtual"});
  }
};

TEST_F(HostileWait, SecondsPathBeyondALongIsNotANegativeValue) {
  const auto record = wait_for(Json(18446744073709551615ULL), "u64");
  EXPECT_EQ(record.error, errors::kRuntime);
  EXPECT_EQ(record.cause,
            "An error occurred while executing the state 'W' (entered at the event id #2). The "
            "SecondsPath parameter cannot be parsed as a long value: $.s == 18446744073709551615");
}

TEST_F(HostileWait, SecondsPathOverAwsMaximumFailsInsteadOfOverflowingTheClock) {
  const auto before = clock.now();
  const auto record = wait_for(Json(9223372036854775807LL), "max");
  EXPECT_EQ(record.error, errors::kRuntime);
  EXPECT_EQ(record.cause,
            "An error occurred while executing the state 'W' (entered at the event id #2). The "
            "SecondsPath parameter references a value greater than 99999999 seconds: $.s == "
            "9223372036854775807");
  EXPECT_EQ(clock.now(), before);
  EXPECT_EQ(wait_for(Json(99999999), "edge").status, ExecutionStatus::kSucceeded);
}

TEST(HostileDefinitions, SecondsFieldsOverAwsMaximumAreInvalid) {
  const auto problems = validate_definition(Json::parse(R"json({"StartAt": "W", "States": {
    "W": {"Type": "Wait", "Seconds": 9223372036854775807, "Next": "T"},
    "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f",
          "TimeoutSeconds": 100000000, "End": true}}})json"));
  ASSERT_EQ(problems.size(), 2u);
  auto reported = [&](const std::string& text) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(reported("Seconds must be an integer from 0 to 99999999 (at /States/W/Seconds)"))
      << problems[0] << "\n"
      << problems[1];
  EXPECT_TRUE(
      reported("TimeoutSeconds must be an integer from 1 to 99999999 (at "
               "/States/T/TimeoutSeconds)"))
      << problems[0] << "\n"
      << problems[1];
}

TEST(HostileDefinitions, TaskWithoutTimeoutIsWarnedAbout) {
  const auto machine = parse_definition(Json::parse(R"json({"StartAt": "P", "States": {
    "P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "T", "States": {
      "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "Next": "N"},
      "N": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}]}}})json"));
  const auto warnings = definition_warnings(*machine);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(
      warnings[0].starts_with("/States/P/Branches/0/States/T: a Task without TimeoutSeconds"))
      << warnings[0];
}

TEST_F(HostileInput, CommandThatExitsWhileABackgroundChildHoldsItsOutputFinishes) {
  const auto pid_file = dir.path() / "background.pid";
  ResourceRegistry registry;
  add_command_function(
      registry, "f", "sleep 600 & echo $! > '" + pid_file.string() + "'; echo '{\"done\": true}'");
  ExecutionService service(store, registry, clock);
  const auto record = service.start({kOneTask, Json::object(), "bg", "m", "virtual"});
  EXPECT_EQ(record.status, ExecutionStatus::kSucceeded) << record.cause.value_or("");
  EXPECT_EQ(record.output, Json::parse(R"({"done": true})"));
  const pid_t background = std::stoi(core::read_file(pid_file));
  ::kill(background, SIGKILL);  // the test's own leftover
}

TEST_F(HostileInput, TaskWithoutTimeoutStopsAtTheLocalDefaultCap) {
  ResourceRegistry registry;
  add_command_function(registry, "f", "exec sleep 600");
  InterpreterOptions options;
  options.default_task_timeout = std::chrono::seconds(1);
  ExecutionService service(store, registry, clock, options);
  const auto record = service.start({kOneTask, Json::object(), "forever", "m", "virtual"});
  EXPECT_EQ(record.error, errors::kTimeout);
}

// A machine that never ends stops at the history event limit, with or
// without a history sink, the limit counted exactly.
TEST_F(HostileInput, AnEndlessLoopStopsAtTheHistoryEventLimit) {
  const char* endless = R"json({"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Next": "B"},
    "B": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "C"}],
          "Default": "A"},
    "C": {"Type": "Succeed"}}})json";
  InterpreterOptions options;
  options.max_history_events = 1001;
  const std::string cause = "The execution reached the limit of 1001 history events.";
  ResourceRegistry registry;
  Interpreter in_memory(parse_definition(Json::parse(endless)), registry, clock, nullptr, nullptr,
                        options);
  ExecutionInfo info;
  info.id = "endless";
  info.input = Json::object();
  const auto result = in_memory.run(info);
  EXPECT_EQ(result.status, ExecutionStatus::kFailed);
  EXPECT_EQ(result.error, errors::kRuntime);
  EXPECT_EQ(result.cause, cause);

  ExecutionService service(store, registry, clock, options);
  const auto record = service.start({endless, Json::object(), "endless", "m", "virtual"});
  EXPECT_EQ(record.status, ExecutionStatus::kFailed);
  EXPECT_EQ(record.error, errors::kRuntime);
  EXPECT_EQ(record.cause, cause);
  // Events 1 to 1001, then ExecutionFailed.
  const auto events = store.events(record.id);
  ASSERT_EQ(events.size(), 1002u);
  EXPECT_EQ(events[1000].id, 1001);
  EXPECT_EQ(events.back().type, "ExecutionFailed");
}

TEST_F(HostileInput, SignalDuringATaskKillsItsGroupAndRecordsTheInterruption) {
  core::install_termination_handlers();
  const auto pid_file = dir.path() / "task.pid";
  bool swallowed = false;
  ResourceRegistry registry;
  add_command_function(registry, "cmd",
                       "echo $$ > '" + pid_file.string() + "'; kill -TERM $PPID; exec sleep 600");
  // A task adapter that turns every error into a task failure must not
  // swallow the interruption.
  registry.add_function("f", [&](const TaskRequest& request) -> Json {
    try {
      return registry.invoke(TaskRequest{"arn:aws:lambda:us-east-1:1:function:cmd",
                                         request.state_name, request.input, request.idempotency_key,
                                         std::nullopt, request.clock, std::nullopt});
    } catch (const std::exception&) {
      swallowed = true;
      throw StateFailure("Adapter.Failed", "");
    }
  });
  ExecutionService service(store, registry, clock);
  EXPECT_THROW(service.start({kOneTask, Json::object(), "sig", "m", "virtual"}), core::Terminated);
  EXPECT_FALSE(swallowed);
  const pid_t task = std::stoi(core::read_file(pid_file));
  EXPECT_FALSE(std::filesystem::exists("/proc/" + std::to_string(task)));
  const auto record = store.get("sig");
  EXPECT_EQ(record.status, ExecutionStatus::kRunning);
  const auto events = store.events(record.id);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().type, "ExecutionInterrupted");
  EXPECT_EQ(events.back().details["signal"], "SIGTERM");
  EXPECT_EQ(events[events.size() - 2].type, "TaskStarted");

  ResourceRegistry fixed;  // resume runs the task again, once
  int runs = 0;
  fixed.add_function("f", [&](const TaskRequest&) { return Json(++runs); });
  ExecutionService again(store, fixed, clock);
  const auto resumed = again.resume("sig");
  EXPECT_EQ(resumed.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(runs, 1);
  int interruptions = 0;
  for (const auto& event : store.events(record.id))
    interruptions += event.type == "ExecutionInterrupted" ? 1 : 0;
  EXPECT_EQ(interruptions, 1) << "kept by the resumed run";
}

}  // namespace
}  // namespace ae::states
