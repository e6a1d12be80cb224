// The shipped state machines in pipelines/ are valid ASL (checked by the
// engine's validator through the CLI) and keep the reference's coverage
// self-heal graph state for state; their command steps run the very binary
// that runs the pipeline.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
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

// The command steps call `ae`. A binary under another name (a hard link in
// another directory: the same file, which /proc/self/exe names by the link)
// must run itself there, never an `ae` found further on PATH (here one that
// leaves a mark and fails).
TEST(Pipelines, ABinaryUnderAnotherNameRunsItselfInItsCommandSteps) {
  namespace fs = std::filesystem;
  test::TempDir home, fake;
  const fs::path renamed_dir =
      fs::path(AE_BINARY).parent_path() / ("renamed-" + std::to_string(::getpid()) + "-test");
  fs::remove_all(renamed_dir);
  fs::create_directories(renamed_dir);
  const fs::path renamed = renamed_dir / "ae-renamed";
  fs::create_hard_link(AE_BINARY, renamed);
  const fs::path mark = fake.path() / "the-wrong-ae-ran";
  std::ofstream(fake.path() / "ae") << "#!/bin/sh\ntouch '" << mark.string() << "'\nexit 97\n";
  fs::permissions(fake.path() / "ae", fs::perms::owner_all);

  const std::string command = "PATH='" + fake.path().string() + "':\"$PATH\" AE_HOME='" +
                              home.path().string() + "' '" + renamed.string() +
                              "' run weekday --clock virtual --date 2026-04-03 "
                              "--skip-drift-check 2>&1";
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  const int status = ::pclose(pipe);
  fs::remove_all(renamed_dir);

  EXPECT_EQ(WEXITSTATUS(status), 0) << out;
  EXPECT_NE(out.find("StopExecutorOnHoliday"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(mark)) << "a command step ran another `ae` found on PATH\n" << out;
  EXPECT_TRUE(fs::is_symlink(home.path() / "state/bin/ae"));
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
