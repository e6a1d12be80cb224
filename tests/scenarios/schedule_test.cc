// `ae schedule`'s loop on a virtual clock: from Saturday 2026-04-18 to the
// evening of Monday 2026-04-20 it runs saturday, weekday and eod once each at
// their scheduled instants (of Friday's, the weekday is too far past and is
// missed, the eod runs late); started again over the same span (a restart),
// it runs nothing twice.
#include "app/deploy_drift.h"
#include "app/pipelines.h"
#include "app/simulation.h"
#include "core/home.h"
#include "scenarios/scenario_fixture.h"
#include "states/run/executions.h"
#include "states/store/history_store.h"

namespace ae::app {
namespace {

std::vector<DayOutcome> run_schedule_span(const std::filesystem::path& home) {
  RunClock clock(core::parse_timestamp("2026-04-17T23:00:00Z"));
  TaskContext context;
  context.home = core::Home(home);
  context.deploy_drift = [] { return skipped_deploy_drift(); };
  std::vector<DayOutcome> outcomes;
  ScheduleRequest request;
  request.clock = &clock;
  request.until = core::parse_timestamp("2026-04-21T00:00:00Z");
  request.on_run = [&](const DayOutcome& day) { outcomes.push_back(day); };
  int hours = 0;
  request.on_hour = [&] { ++hours; };
  run_schedule(context, request);
  // Every whole hour spent waiting was ticked: Saturday 01:00 UTC (after the
  // saturday run) to Monday 13:00 (before the weekday's 13:05), then 14:00 to
  // 20:00 (before the eod's 20:15): 61 + 7.
  EXPECT_EQ(hours, 68);
  return outcomes;
}

TEST_F(Scenario, ScheduleRunsEachPipelineOnceAndARestartRunsNothingTwice) {
  // Started on Friday at 19:00 New York: Friday's weekday (09:05) is over
  // 6 hours past, so it is reported missed, not run; Friday's eod (16:15) is
  // still within the grace and runs late.
  auto first = run_schedule_span(home());
  ASSERT_EQ(first.size(), 5u);
  EXPECT_EQ(first[0].run.execution_name(), "weekday-2026-04-17");
  EXPECT_EQ(first[0].status, "MISSED");
  EXPECT_EQ(first[1].run.execution_name(), "eod-2026-04-17");
  EXPECT_EQ(first[1].status, "SUCCEEDED") << first[1].error;
  first.erase(first.begin(), first.begin() + 2);
  EXPECT_EQ(first[0].run.execution_name(), "saturday-2026-04-18");
  EXPECT_EQ(first[1].run.execution_name(), "weekday-2026-04-20");
  EXPECT_EQ(first[2].run.execution_name(), "eod-2026-04-20");
  for (const auto& day : first) {
    EXPECT_FALSE(day.already_finished) << day.run.execution_name();
    EXPECT_GE(day.finished_at, scheduled_start(day.run.pipeline, day.run.date));
  }
  EXPECT_EQ(first[1].status, "SUCCEEDED") << first[1].error;

  auto again = run_schedule_span(home());
  ASSERT_EQ(again.size(), 5u);
  EXPECT_EQ(again[0].status, "MISSED");
  EXPECT_TRUE(again[1].already_finished);
  again.erase(again.begin(), again.begin() + 2);
  for (const auto& day : again) EXPECT_TRUE(day.already_finished) << day.run.execution_name();
  states::HistoryStore store(core::Home(home()).executions_database());
  EXPECT_EQ(store.list().size(), 4u);  // the missed weekday never became an execution
}

}  // namespace
}  // namespace ae::app
