// The weekday coverage names of app/weekday_coverage.h are those the shipped
// definitions use: the check leads through a choice to the re-score on a gap
// and to the health check otherwise, and the alarm watches the executor's
// coverage metric.
#include "app/weekday_coverage.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/pipelines.h"
#include "executor/planning/coverage_guard.h"

namespace ae::app {
namespace {

using Json = nlohmann::json;

TEST(WeekdayCoverage, StatesAreTheWeekdayPipelines) {
  const Json states = Json::parse(pipeline_definition("weekday"))["States"];
  const Json& check = states.at(std::string(kCoverageCheckState));
  EXPECT_EQ(check["Parameters"]["Payload"]["action"], "check_coverage");
  const Json& choice = states.at(check["Next"].get<std::string>());
  ASSERT_EQ(choice["Type"], "Choice");
  EXPECT_EQ(choice["Choices"][0]["Next"], kCoverageRescoreState);
  EXPECT_EQ(choice["Default"], kCoverageHealedState);
  EXPECT_EQ(states.at(std::string(kCoverageRescoreState))["Parameters"]["Payload"]["action"],
            "predict");
  EXPECT_EQ(states.at(std::string(kCoverageHealedState))["Type"], "Task");
}

TEST(WeekdayCoverage, AlarmWatchesTheCoverageMetric) {
  const Json alarms = Json::parse(core::find_embedded(pipelines::embedded_files(), "alarms.json"));
  int found = 0;
  for (const auto& [name, resource] : alarms["Resources"].items()) {
    if (resource["Properties"].value("AlarmName", "") != kCoverageAlarm) continue;
    EXPECT_EQ(resource["Properties"]["MetricName"], executor::kCoverageMetricName);
    ++found;
  }
  EXPECT_EQ(found, 1);
}

}  // namespace
}  // namespace ae::app
