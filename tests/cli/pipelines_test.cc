// The shipped state machines in pipelines/ are valid ASL (checked by the
// engine's validator through the CLI) and keep the reference's coverage
// self-heal graph state for state.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace ae {
namespace {

nlohmann::json load(const std::string& name) {
  std::ifstream in(test::source_path("pipelines/" + name));
  return nlohmann::json::parse(in);
}

TEST(Pipelines, EveryDefinitionValidates) {
  test::TempDir home;
  for (const char* name : {"weekday.asl.json", "saturday.asl.json", "eod.asl.json"}) {
    auto result = test::run_ae(
        "sfn validate '" + test::source_path(std::string("pipelines/") + name).string() + "'",
        home.path());
    EXPECT_EQ(result.exit_code, 0) << name << ": " << result.out << result.err;
  }
}

TEST(Pipelines, WeekdayKeepsTheCoverageSelfHeal) {
  const auto states = load("weekday.asl.json")["States"];
  EXPECT_EQ(states["PredictorInference"]["Next"], "CheckPredictorCoverage");
  EXPECT_EQ(states["CheckPredictorCoverage"]["Parameters"]["Payload"]["action"], "check_coverage");
  EXPECT_EQ(states["CheckPredictorCoverage"]["Next"], "CoverageGapChoice");
  const auto gap = states["CoverageGapChoice"];
  EXPECT_EQ(gap["Choices"][0]["Variable"], "$.coverage_result.Payload.has_gap");
  EXPECT_EQ(gap["Choices"][0]["Next"], "ReinvokePredictor");
  EXPECT_EQ(gap["Default"], "PredictorHealthCheck");
  EXPECT_EQ(states["ReinvokePredictor"]["Parameters"]["Payload"]["tickers.$"],
            "$.coverage_result.Payload.missing_tickers");
  EXPECT_EQ(states["ReinvokePredictor"]["Next"], "RecheckCoverage");
  EXPECT_EQ(states["RecheckCoverage"]["Next"], "FinalCoverageGate");
  const auto gate = states["FinalCoverageGate"];
  EXPECT_EQ(gate["Choices"][0]["Variable"], "$.coverage_recheck_result.Payload.has_gap");
  EXPECT_EQ(gate["Choices"][0]["Next"], "HandleFailure");
  EXPECT_EQ(states["HandleFailure"]["Next"], "FailExecution");
  EXPECT_EQ(states["FailExecution"]["Error"], "DailyPipelineFailure");
}

TEST(Pipelines, CommandStepsFailOnAnyFailingStage) {
  for (const char* name : {"weekday.asl.json", "saturday.asl.json", "eod.asl.json"}) {
    const auto document = load(name);  // outlives the loop (items() is a view)
    for (const auto& [state, body] : document.at("States").items()) {
      if (body.value("Resource", "") != "arn:aws:states:::aws-sdk:ssm:sendCommand") continue;
      // Built with States.Array(...) ("commands.$") or a literal list ("commands").
      const auto& parameters = body.at("Parameters").at("Parameters");
      const std::string commands = parameters.contains("commands.$")
                                       ? parameters.at("commands.$").get<std::string>()
                                       : parameters.at("commands").dump();
      EXPECT_NE(commands.find("set -eo pipefail"), std::string::npos) << name << " " << state;
    }
  }
}

}  // namespace
}  // namespace ae
