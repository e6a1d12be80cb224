// states::HistoryReader reads the execution history read-only: an absent
// database is nullopt and is not created, an empty one reads as no
// executions, and what the execution service recorded comes back: the
// executions newest first, one by name or id, its events, the states it
// entered and the details of one state's event.
#include "states/store/history_reader.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "states/run/executions.h"
#include "support/test_support.h"

namespace ae::states {
namespace {

const char* kTwoStates = R"json({"StartAt": "One", "States": {
  "One": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:step", "Next": "Two"},
  "Two": {"Type": "Pass", "End": true}}})json";

TEST(HistoryReader, AbsentDatabaseIsNulloptAndIsNotCreated) {
  test::TempDir dir;
  EXPECT_FALSE(HistoryReader::open(dir.path() / "executions.sqlite"));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(HistoryReader, DatabaseWithoutTablesReadsAsNoExecutions) {
  test::TempDir dir;
  { core::Database empty(dir.path() / "executions.sqlite"); }
  const auto history = HistoryReader::open(dir.path() / "executions.sqlite");
  ASSERT_TRUE(history);
  EXPECT_TRUE(history->executions().empty());
  EXPECT_TRUE(history->execution("run-1").is_null());
  EXPECT_TRUE(history->execution_status("run-1").is_null());
  EXPECT_TRUE(history->events("id", 10).empty());
  EXPECT_TRUE(history->entered_states("id", 10).empty());
  EXPECT_TRUE(history->first_event_details("id", "One", "TaskSucceeded").is_null());
}

TEST(HistoryReader, ReadsWhatTheServiceRecorded) {
  test::TempDir dir;
  const auto path = dir.path() / "executions.sqlite";
  core::VirtualClock clock{core::parse_timestamp("2026-03-02T14:30:00Z")};
  std::string first_id;
  {
    HistoryStore store(path);
    ResourceRegistry registry;
    registry.add_function("step", [](const TaskRequest&) { return Json{{"Payload", 7}}; });
    ExecutionService service(store, registry, clock);
    first_id = service.start({kTwoStates, Json{{"x", 1}}, "run-1", "two", "virtual"}).id;
    clock.advance(std::chrono::minutes(1));
    service.start({kTwoStates, Json::object(), "run-2", "two", "virtual"});
  }
  const auto history = HistoryReader::open(path);
  ASSERT_TRUE(history);
  const auto executions = history->executions();
  ASSERT_EQ(executions.size(), 2u);
  EXPECT_EQ(executions[0]["name"], "run-2");
  EXPECT_EQ(executions[1]["name"], "run-1");
  EXPECT_EQ(executions[1]["status"], "SUCCEEDED");
  EXPECT_EQ(Json::parse(executions[1]["input"].get<std::string>()), (Json{{"x", 1}}));
  EXPECT_FALSE(executions[1].contains("definition"));

  const auto by_name = history->execution("run-1");
  EXPECT_EQ(by_name["id"], first_id);
  EXPECT_EQ(Json::parse(by_name["definition"].get<std::string>()), Json::parse(kTwoStates));
  EXPECT_EQ(history->execution(first_id)["name"], "run-1");
  EXPECT_EQ(history->execution_status("run-1"), (Json{{"id", first_id}, {"status", "SUCCEEDED"}}));
  EXPECT_TRUE(history->execution("run-3").is_null());

  const auto events = history->events(first_id, 1000);
  ASSERT_GT(events.size(), 4u);
  EXPECT_EQ(events[0]["id"], 1);
  EXPECT_EQ(events[0]["type"], "ExecutionStarted");
  EXPECT_EQ(history->events(first_id, 2).size(), 2u);
  EXPECT_EQ(history->entered_states(first_id, 1000), (std::vector<std::string>{"One", "Two"}));
  EXPECT_EQ(history->entered_states(first_id, 1), (std::vector<std::string>{"One"}));
  const auto details = history->first_event_details(first_id, "One", "TaskSucceeded");
  EXPECT_EQ(details["output"], (Json{{"Payload", 7}}));
  EXPECT_TRUE(history->first_event_details(first_id, "Two", "TaskSucceeded").is_null());
}

}  // namespace
}  // namespace ae::states
