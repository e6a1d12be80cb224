// The task functions without a market: registration, the honest no-ops, the
// error-name translation, fault parsing, the embedded definitions and the
// per-state summary of a history.
#include <gtest/gtest.h>

#include "app/pipeline_run.h"
#include "app/pipelines.h"
#include "app/register_tasks.h"
#include "app/simulation.h"
#include "core/clock.h"
#include "core/error.h"
#include "executor/errors.h"
#include "predictor/errors.h"
#include "research/errors.h"
#include "states/run/failure.h"
#include "support/test_support.h"

namespace ae::app {
namespace {

TaskContext context_of(const std::filesystem::path& home, core::Clock& clock) {
  TaskContext context;
  context.home = core::Home(home);
  context.clock = &clock;
  return context;
}

states::TaskRequest lambda_request(const std::string& function, nlohmann::json payload) {
  states::TaskRequest request;
  request.resource = "arn:aws:states:::lambda:invoke";
  request.input = {{"FunctionName", function}, {"Payload", std::move(payload)}};
  return request;
}

class TaskFunctions : public ::testing::Test {
 protected:
  void SetUp() override { register_tasks(registry, context_of(dir.path(), clock)); }
  ae::test::TempDir dir;
  core::VirtualClock clock{core::parse_timestamp("2026-04-20T23:00:00Z")};
  states::ResourceRegistry registry;
};

TEST_F(TaskFunctions, RegistersEveryFunctionTheDefinitionsCall) {
  for (const char* name : {kPredictorFunction, kHealthCheckFunction, kResearchFunction,
                           kDataCollectorFunction, kDriftDetectionFunction})
    EXPECT_TRUE(registry.has_function(name)) << name;
}

TEST_F(TaskFunctions, DataCollectorSaysItCollectedNothing) {
  const auto out = registry.invoke(lambda_request(kDataCollectorFunction, {{"phase", 2}}));
  EXPECT_EQ(out.at("Payload").at("status"), "SKIPPED") << out.dump();
}

TEST_F(TaskFunctions, DriftDetectionFailsAsUnavailable) {
  try {
    registry.invoke(lambda_request(kDriftDetectionFunction, {{"date", "2026-04-18"}}));
    FAIL() << "drift detection should not succeed";
  } catch (const states::StateFailure& failure) {
    EXPECT_EQ(failure.error(), "DriftDetectionUnavailable");
  }
}

TEST_F(TaskFunctions, DeployDriftWithoutACheckIsUnavailable) {
  try {
    registry.invoke(lambda_request(kPredictorFunction, {{"action", "check_deploy_drift"}}));
    FAIL() << "no check configured";
  } catch (const states::StateFailure& failure) {
    EXPECT_EQ(failure.error(), "DeployDriftUnavailable");
  }
}

TEST_F(TaskFunctions, CoverageWithoutSignalsHasNoGap) {
  const auto out = registry.invoke(
      lambda_request(kPredictorFunction, {{"action", "check_coverage"}, {"date", "2026-04-20"}}));
  EXPECT_EQ(out.at("Payload").at("has_gap"), false) << out.dump();
}

TEST_F(TaskFunctions, PredictWithoutAMarketFailsWithATypedName) {
  try {
    registry.invoke(
        lambda_request(kPredictorFunction, {{"action", "predict"}, {"date", "2026-04-20"}}));
    FAIL() << "predict with no market should fail";
  } catch (const states::StateFailure& failure) {
    EXPECT_NE(failure.error(), states::errors::kRuntime);
    EXPECT_FALSE(failure.cause().empty());
  }
}

TEST(HealthCheckFunction, AnswersAndRecordsTheNumberOfProblemModules) {
  ae::test::TempDir dir;
  core::VirtualClock clock{core::parse_timestamp("2026-04-20T13:10:00Z")};
  core::RecordingMetricSink metrics;
  auto context = context_of(dir.path(), clock);
  context.metrics = &metrics;
  states::ResourceRegistry registry;
  register_tasks(registry, context);
  const auto out = registry.invoke(
      lambda_request(kHealthCheckFunction, {{"action", "check"}, {"date", "2026-04-20"}}));
  const auto& payload = out.at("Payload");
  EXPECT_EQ(payload.at("healthy"), false) << out.dump();
  EXPECT_EQ(payload.at("problems").size(), 6u) << out.dump();  // a new home: all missing
  const auto data = metrics.data();
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(data[0].name, "HealthChecksFailed");
  EXPECT_EQ(data[0].value, 6);
  EXPECT_EQ(data[0].timestamp, clock.now());
}

TEST_F(TaskFunctions, ResearchReportsErrorsAsStatus) {
  const auto out = registry.invoke(lambda_request(kResearchFunction, {{"date", "2026-04-18"}}));
  EXPECT_EQ(out.at("Payload").at("status"), "ERROR") << out.dump();
  EXPECT_TRUE(out.at("Payload").at("error").is_string());
}

TEST(ErrorName, MapsStageExceptionsToTheirNames) {
  EXPECT_EQ(error_name(predictor::PipelineHardFail("x")), "PipelineHardFail");
  EXPECT_EQ(error_name(predictor::PipelineAbort("x")), "PipelineAbort");
  EXPECT_EQ(error_name(executor::UnscoredBuyCandidatesError({"AAA"}, 1, 0)),
            "UnscoredBuyCandidatesError");
  EXPECT_EQ(error_name(research::SignalsRejected("x")), "SignalsRejected");
  EXPECT_EQ(error_name(core::NotFound("x")), "NotFound");
  EXPECT_EQ(error_name(std::runtime_error("x")), "States.TaskFailed");
}

TEST(Faults, ParsesKindsAndRejectsUnknownOnes) {
  Faults faults;
  add_fault(faults, "omit-first=aaa, BBB");
  add_fault(faults, "omit-always=CCC");
  EXPECT_EQ(faults.omit_on_first_predict, (std::set<std::string>{"AAA", "BBB"}));
  EXPECT_EQ(faults.omit_always, (std::set<std::string>{"CCC"}));
  EXPECT_THROW(add_fault(faults, "explode=AAA"), core::InvalidInput);
  EXPECT_THROW(add_fault(faults, "omit-first="), core::InvalidInput);
  add_fault(faults, "fail-on=ddd");
  add_fault(faults, "task-fail=CheckPredictorCoverage");
  add_fault(faults, "task-timeout=PredictorInference");
  add_fault(faults, "command-fail=RunMorningPlanner");
  add_fault(faults, "corrupt=signals");
  add_fault(faults, "missing=predictions");
  add_fault(faults, "notifier-down");
  EXPECT_EQ(faults.fail_on, (std::set<std::string>{"DDD"}));
  EXPECT_EQ(faults.failing_tasks, (std::set<std::string>{"CheckPredictorCoverage"}));
  EXPECT_EQ(faults.timing_out_tasks, (std::set<std::string>{"PredictorInference"}));
  EXPECT_EQ(faults.failing_commands, (std::set<std::string>{"RunMorningPlanner"}));
  EXPECT_TRUE(faults.notifier_down);
  EXPECT_THROW(add_fault(faults, "corrupt=ledger"), core::InvalidInput);
  const auto recorded = faults.to_json();
  EXPECT_EQ(recorded.at("corrupt"), nlohmann::json::array({"signals"}));
  EXPECT_EQ(recorded.at("missing"), nlohmann::json::array({"predictions"}));
  EXPECT_EQ(recorded.at("notifier-down"), true);
  EXPECT_TRUE(faults.any());
  EXPECT_FALSE(Faults{}.any());
}

TEST(Pipelines, EmbedsTheThreeDefinitions) {
  for (const char* name : {"weekday", "saturday", "eod"})
    EXPECT_NE(pipeline_definition(name).find("\"StartAt\""), std::string::npos) << name;
  EXPECT_THROW(pipeline_definition("sunday"), core::NotFound);
}

TEST(StateLines, PairsEntriesWithExitsAndFailures) {
  const auto at = [](int s) {
    return core::parse_timestamp("2026-04-20T23:00:00Z") + std::chrono::seconds(s);
  };
  std::vector<states::HistoryEvent> events = {
      {1, "TaskStateEntered", at(0), "A", {}},
      {2, "TaskFailed", at(2), "A", {{"error", "PipelineHardFail"}, {"cause", "boom"}}},
      {3, "TaskStateExited", at(3), "A", {}},
      {4, "FailStateEntered", at(3), "F", {}},
  };
  const auto lines = state_lines(events);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].state, "A");
  EXPECT_EQ(lines[0].type, "Task");
  EXPECT_DOUBLE_EQ(lines[0].seconds, 3.0);
  EXPECT_EQ(lines[0].result, "PipelineHardFail: boom");
  EXPECT_EQ(lines[1].result, "fail");
}

TEST(StateLines, ACommandThatRanAndFailedShowsTheLastLineOfItsStderr) {
  const auto at = [](int s) {
    return core::parse_timestamp("2026-04-20T23:00:00Z") + std::chrono::seconds(s);
  };
  const auto invocation = [](int code, const std::string& err) {
    return states::Json{{"output",
                         {{"Status", code == 0 ? "Success" : "Failed"},
                          {"ResponseCode", code},
                          {"StandardOutputContent", "a report on stdout\n"},
                          {"StandardErrorContent", err}}}};
  };
  std::vector<states::HistoryEvent> events = {
      {1, "TaskStateEntered", at(0), "Send", {}},
      {2, "TaskSucceeded", at(0), "Send", {{"output", {{"CommandId", "c1"}}}}},
      {3, "TaskStateExited", at(0), "Send", {}},
      {4, "TaskStateEntered", at(1), "Poll", {}},
      {5, "TaskSucceeded", at(1), "Poll",
       invocation(3, "warn: something\nerror: data close: SPY has no close on 2016-06-01\n\n")},
      {6, "TaskStateExited", at(1), "Poll", {}},
      {7, "TaskStateEntered", at(2), "Later", {}},
      {8, "TaskFailed", at(2), "Later", {{"error", "E"}, {"cause", "c"}}},
      {9, "TaskStateExited", at(2), "Later", {}},
      {10, "TaskStateEntered", at(3), "Fine", {}},
      {11, "TaskSucceeded", at(3), "Fine", invocation(0, "progress on stderr\n")},
      {12, "TaskStateExited", at(3), "Fine", {}},
      {13, "TaskStateEntered", at(4), "Check", {}},
      {14, "TaskSucceeded", at(4), "Check", invocation(1, "")},
      {15, "TaskStateExited", at(4), "Check", {}},
  };
  app::PipelineRun run;
  run.states = state_lines(events);
  ASSERT_EQ(run.states.size(), 5u);
  EXPECT_EQ(run.states[0].result, "ok");
  EXPECT_FALSE(run.states[0].failed);
  EXPECT_EQ(run.states[1].result,
            "command failed: error: data close: SPY has no close on 2016-06-01");
  EXPECT_TRUE(run.states[1].failed);
  EXPECT_TRUE(run.states[2].failed);
  EXPECT_EQ(run.states[3].result, "ok");  // exit 0: its stderr is not a failure
  EXPECT_FALSE(run.states[3].failed);
  EXPECT_EQ(run.states[4].result, "command failed: exit 1, nothing on stderr");
  EXPECT_TRUE(run.states[4].failed);
  EXPECT_EQ(run.failure_reason(),
            "first failed step Poll: command failed: error: data close: SPY has no close on "
            "2016-06-01");
}

TEST(StateLines, WithoutAFailedStepTheReasonIsTheChoiceThatChoseTheFailurePath) {
  const auto line = [](std::string state, std::string type) {
    return app::StateLine{std::move(state), std::move(type), 0, "ok", false};
  };
  app::PipelineRun run;
  run.states = {line("DriftCheck", "Task"), line("DriftGate", "Choice"), line("Notify", "Task"),
                line("FailExecution", "Fail"), line("Later", "Choice")};
  EXPECT_EQ(run.failure_reason(), "no step failed; the Choice DriftGate chose the failure path");
  run.states = {line("P", "Pass"), line("Done", "Succeed")};
  EXPECT_EQ(run.failure_reason(), "");
  run.states = {line("Gate", "Choice"), line("P", "Pass")};  // no Fail state: none chose it
  EXPECT_EQ(run.failure_reason(), "");
}

TEST(Simulation, TheScheduleRunsSaturdayThenWeekdayAndEodOnTradingDaysOnly) {
  // Fri 2026-04-03 is Good Friday: its weekday execution runs (and takes the
  // holiday path itself) but there is no eod.
  std::vector<std::string> names;
  for (const auto& run :
       schedule_between(core::parse_date("2026-04-02"), core::parse_date("2026-04-06")))
    names.push_back(run.execution_name());
  EXPECT_EQ(names, (std::vector<std::string>{"weekday-2026-04-02", "eod-2026-04-02",
                                             "weekday-2026-04-03", "saturday-2026-04-04",
                                             "weekday-2026-04-06", "eod-2026-04-06"}));
}

TEST(Simulation, RefusesASpanPastTheLastSessionWithBars) {
  ae::test::TempDir home;
  const auto synth =
      ae::test::run_ae("data synth --tickers 20 --years 2 --end 2026-04-17", home.path());
  ASSERT_EQ(synth.exit_code, 0) << synth.err;
  core::VirtualClock clock(core::parse_timestamp("2026-04-18T00:00:00Z"));
  const auto context = context_of(home.path(), clock);
  try {
    simulate(context, {core::parse_date("2026-04-18"), core::parse_date("2026-04-21")});
    FAIL() << "expected InvalidInput";
  } catch (const core::InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("the span reaches the 2026-04-21 session, after "
                                         "2026-04-17, the last session with bars (SPY)"),
              std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(home.path() / "state" / "states"));
}

TEST(Simulation, RefusesAnEmptyHomeAndAReversedSpan) {
  ae::test::TempDir home;
  core::VirtualClock clock(core::parse_timestamp("2026-04-20T12:00:00Z"));
  const auto context = context_of(home.path(), clock);
  try {
    simulate(context, {core::parse_date("2026-04-20"), core::parse_date("2026-04-21")});
    FAIL() << "expected InvalidInput";
  } catch (const core::InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("no market data"), std::string::npos) << e.what();
  }
  try {
    simulate(context, {core::parse_date("2026-04-21"), core::parse_date("2026-04-20")});
    FAIL() << "expected InvalidInput";
  } catch (const core::InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("is after"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(home.path() / "state"));
}

}  // namespace
}  // namespace ae::app
