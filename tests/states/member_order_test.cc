// AWS Step Functions keeps the members of a JSON object in insertion order
// (the order of the text it was parsed from, of the writes that built it),
// except where it builds them in a java.util.HashMap: the ".$" fields of a
// payload template (after its literal fields) and States.JsonMerge's result,
// as its recorded outputs show. So does the engine (states/parse/json.h,
// java_hash_order.h). These tests compare serialised text, which shows the
// order, and check that value equality still ignores it.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "states/parse/intrinsics.h"
#include "states/parse/json_path.h"
#include "states/parse/payload.h"
#include "states/run/executions.h"
#include "support/test_support.h"

namespace ae::states {
namespace {

struct Crash {};

Json evaluate(const std::string& expression, const Json& data) {
  const Json context = Json::object();
  const Variables variables;
  return Intrinsic::parse(expression).evaluate(Scope{data, context, variables});
}

class MemberOrder : public ::testing::Test {
 protected:
  test::TempDir dir;
  core::VirtualClock clock{core::parse_timestamp("2026-03-02T14:30:00Z")};
  HistoryStore store{dir.path() / "executions.sqlite"};
};

TEST(MemberOrderOfPaths, RecursiveDescentAndWildcardsFollowTheDocument) {
  // The example of issue 20: AWS (Jayway) gives [8,12,20]; sorted keys gave [20,8,12].
  const auto doc = Json::parse(
      R"json({"store":{"book":[{"price":8},{"price":12}],"bicycle":{"price":20}}})json");
  EXPECT_EQ(JsonPath::parse("$..price").find(doc)->dump(), "[8,12,20]");
  EXPECT_EQ(JsonPath::parse("$.store.*").find(doc)->dump(),
            R"json([[{"price":8},{"price":12}],{"price":20}])json");
}

TEST(MemberOrderOfIntrinsics, JsonToStringKeepsTheOrderOfItsArgument) {
  const auto data =
      Json::parse(R"json({"v": {"zeta": 1, "alpha": {"y": 2, "b": [3, {"d": 4, "c": 5}]}}})json");
  EXPECT_EQ(evaluate("States.JsonToString($.v)", data),
            R"json({"zeta":1,"alpha":{"y":2,"b":[3,{"d":4,"c":5}]}})json");
  // StringToJson parses in order too; JsonMerge's result is in HashMap order
  // (one-letter keys: by character code modulo 16: z=10, k=11, m=13).
  EXPECT_EQ(evaluate("States.StringToJson('{\"q\": 1, \"p\": 2}')", data).dump(),
            R"json({"q":1,"p":2})json");
  const auto merge = Json::parse(R"json({"a": {"m": 1, "k": 2}, "b": {"z": 3, "k": 4}})json");
  EXPECT_EQ(evaluate("States.JsonMerge($.a, $.b, false)", merge).dump(),
            R"json({"z":3,"k":4,"m":1})json");
}

TEST(MemberOrderOfIntrinsics, ValueComparisonsIgnoreMemberOrder) {
  const auto data = Json::parse(
      R"json({"items": [{"a": 1, "b": {"x": 1, "y": 2}}, {"b": {"y": 2, "x": 1}, "a": 1}],
             "wanted": {"b": {"y": 2, "x": 1}, "a": 1}})json");
  EXPECT_EQ(evaluate("States.ArrayContains($.items, $.wanted)", data), true);
  EXPECT_EQ(evaluate("States.ArrayUnique($.items)", data).dump(),
            R"json([{"a":1,"b":{"x":1,"y":2}}])json");
  EXPECT_TRUE(json_equal(data["items"][0], data["items"][1]));
  EXPECT_FALSE(json_equal(data["items"][0], data["items"]));
}

TEST(MemberOrderOfTemplates, PathFieldsFollowTheLiteralOnesInHashMapOrder) {
  // Recorded on AWS (base_scenarios__map_state_item_selector): the literal
  // field first, then the four ".$" fields in HashMap order.
  const auto selector = PayloadTemplate::compile(
      Json::parse(R"json({"original_input.$": "$", "iteration_input_value.$": "$.v",
                          "iteration_index.$": "$.i", "from_input_constant.$": "$.c",
                          "constant_value": "HelloWorld"})json"),
      "/ItemSelector");
  const auto data = Json::parse(R"json({"v": 1, "i": 2, "c": 3})json");
  const Json context = Json::object();
  const Variables variables;
  Json out = selector.evaluate(Scope{data, context, variables});
  std::string names;
  for (const auto& [key, value] : out.items()) names += key + " ";
  EXPECT_EQ(names,
            "constant_value iteration_input_value from_input_constant iteration_index "
            "original_input ");
}

TEST_F(MemberOrder, ParametersResultSelectorAndResultPathOrderMembersAsAws) {
  ResourceRegistry registry;
  registry.add_function("f", [](const TaskRequest& request) {
    // Literal fields (a nested template among them) in order, then the ".$" ones.
    EXPECT_EQ(request.input.dump(), R"json({"zulu":1,"mike":{"y":true,"b":"x"},"alpha":"x"})json");
    return Json::parse(R"json({"z": 26, "a": 1, "m": 13})json");
  });
  const char* definition = R"json({"StartAt": "T", "States": {"T": {
    "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f",
    "Parameters": {"zulu": 1, "alpha.$": "$.x", "mike": {"y": true, "b.$": "$.x"}},
    "ResultSelector": {"second.$": "$.a", "first.$": "$.z", "all.$": "$"},
    "ResultPath": "$.result", "End": true}}})json";
  ExecutionService service(store, registry, clock);
  const auto record = service.start(
      {definition, Json::parse(R"json({"x": "x", "b": 0})json"), "ordered", "m", "virtual"});
  ASSERT_EQ(record.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(
      record.output.dump(),
      // ResultSelector's fields in HashMap order; the task's result as it
      // returned it; ResultPath appends "result" to the input.
      R"json({"x":"x","b":0,"result":{"all":{"z":26,"a":1,"m":13},"first":26,"second":1}})json");
}

TEST_F(MemberOrder, TheHistoryKeepsTheOrderAcrossAResume) {
  bool crash = true;
  ResourceRegistry registry;
  registry.add_function("step", [&](const TaskRequest& request) -> Json {
    if (request.state_name == "Two" && crash) throw Crash{};  // the process dies mid-task
    return Json::parse(R"json({"zz": 1, "aa": 2})json");
  });
  const char* definition = R"json({"StartAt": "One", "States": {
    "One": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:step", "ResultPath": "$.one", "Next": "Two"},
    "Two": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:step", "ResultPath": "$.two", "End": true}}})json";
  const std::string input = R"json({"zebra":1,"apple":{"y":1,"b":2}})json";
  ExecutionService service(store, registry, clock);
  EXPECT_THROW(service.start({definition, Json::parse(input), "resumed", "m", "virtual"}), Crash);
  crash = false;
  // A new store on the same file: everything comes back from SQLite.
  HistoryStore reopened(dir.path() / "executions.sqlite");
  ExecutionService after_restart(reopened, registry, clock);
  const auto record = after_restart.resume("resumed");
  ASSERT_EQ(record.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(reopened.get("resumed").input.dump(), input);
  EXPECT_EQ(
      reopened.get("resumed").output.dump(),
      R"json({"zebra":1,"apple":{"y":1,"b":2},"one":{"zz":1,"aa":2},"two":{"zz":1,"aa":2}})json");
  const auto events = reopened.events(record.id);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().details["input"].dump(), input);
}

}  // namespace
}  // namespace ae::states
