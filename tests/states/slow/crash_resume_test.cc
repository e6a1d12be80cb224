// Crash and resume: the `ae sfn run` process is killed with SIGKILL at a
// random moment of an execution, 100 times; each time `ae sfn resume` must
// finish it with the same output as an uninterrupted run, the tasks' side
// effect (appending their idempotency key to a ledger, skipped when the key
// is already there) must be applied exactly once per task, and the history's
// event ids must run 1..N without a gap or a repeat. Two machines: five tasks
// in a row, and a Parallel of two Maps (MaxConcurrency 2 over three items)
// whose tasks run concurrently, then one more task.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "core/atomic_file.h"
#include "support/test_support.h"

namespace ae::test {
namespace {

using nlohmann::json;

const char* kStep = R"sh(#!/bin/bash
set -e
event=$(cat)
sleep 0.02
(
  flock 9
  grep -qxF "$AE_IDEMPOTENCY_KEY" "$LEDGER" 2>/dev/null || echo "$AE_IDEMPOTENCY_KEY" >> "$LEDGER"
) 9>"$LEDGER.lock"
n=$(echo "$event" | python3 -c 'import json,sys; print(json.load(sys.stdin)["n"])')
echo "{\"n\": $((n + 1))}"
)sh";

std::string machine() {
  json states = json::object();
  for (int i = 1; i <= 5; ++i) {
    json state = {{"Type", "Task"}, {"Resource", "arn:aws:lambda:us-east-1:1:function:step"}};
    if (i < 5) {
      state["Next"] = "Step" + std::to_string(i + 1);
    } else {
      state["End"] = true;
    }
    states["Step" + std::to_string(i)] = state;
  }
  return json{{"StartAt", "Step1"}, {"States", states}}.dump();
}

std::string concurrent_machine() {
  const json step = {{"Type", "Task"},
                     {"Resource", "arn:aws:lambda:us-east-1:1:function:step"},
                     {"Parameters", {{"n.$", "$"}}},
                     {"End", true}};
  const json map = {{"StartAt", "Each"},
                    {"States",
                     {{"Each",
                       {{"Type", "Map"},
                        {"ItemsPath", "$.items"},
                        {"MaxConcurrency", 2},
                        {"ItemProcessor", {{"StartAt", "Step"}, {"States", {{"Step", step}}}}},
                        {"End", true}}}}}};
  json last = step;
  last["Parameters"] = {{"n.$", "$.n"}};
  last["ResultPath"] = "$.last";
  return json{{"StartAt", "Fan"},
              {"States",
               {{"Fan",
                 {{"Type", "Parallel"},
                  {"Branches", {map, map}},
                  {"ResultPath", "$.fan"},
                  {"Next", "Last"}}},
                {"Last", last}}}}
      .dump();
}

// 100 rounds of run, kill -9 at a random moment, resume; returns how many
// were interrupted mid-execution.
int soak(const std::string& definition, const std::string& input, const json& expected, int tasks) {
  TempDir dir;
  const auto step = dir.path() / "step.sh";
  core::write_file_atomically(step, kStep);
  core::write_file_atomically(dir.path() / "machine.json", definition);
  const std::string lambda = " --lambda 'step=bash " + step.string() + "'";
  const std::string run_args = " --name x --input '" + input + "'" + lambda;
  std::mt19937 random(20260420);
  int interrupted = 0;
  for (int round = 0; round < 100; ++round) {
    const auto home = dir.path() / ("home" + std::to_string(round));
    const auto ledger = dir.path() / ("ledger" + std::to_string(round));
    const int delay_ms = std::uniform_int_distribution<int>(0, 400)(random);
    std::ostringstream script;
    script << "cd " << dir.path() << " && export LEDGER=" << ledger << " AE_HOME=" << home
           << " && (" << AE_BINARY << " --log-level off sfn run machine.json" << run_args
           << " >/dev/null 2>&1 & pid=$!; sleep " << delay_ms / 1000.0
           << "; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null; true)";
    EXPECT_EQ(std::system(script.str().c_str()), 0);

    setenv("LEDGER", ledger.c_str(), 1);
    auto described = run_ae("sfn describe x", home);
    std::string output;
    if (described.exit_code != 0) {
      // Killed before the execution was even recorded: start it afresh.
      auto run = run_ae("sfn run " + (dir.path() / "machine.json").string() + run_args, home);
      EXPECT_EQ(run.exit_code, 0) << run.err;
      output = run.out;
    } else if (json::parse(described.out)["status"] == "RUNNING") {
      ++interrupted;
      auto resumed = run_ae("sfn resume x" + lambda, home);
      EXPECT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
      output = resumed.out;
    } else {
      output = json::parse(described.out)["output"].dump();
    }
    EXPECT_EQ(json::parse(output), expected) << "round " << round;

    std::istringstream lines(core::read_file(ledger));
    std::set<std::string> keys;
    int count = 0;
    for (std::string line; std::getline(lines, line);) {
      keys.insert(line);
      ++count;
    }
    EXPECT_EQ(count, tasks) << "round " << round << ": each task's effect exactly once";
    EXPECT_EQ(keys.size(), static_cast<size_t>(tasks)) << "round " << round;

    auto history = run_ae("--output json sfn history x", home);
    EXPECT_EQ(history.exit_code, 0) << history.err;
    long long expected_id = 0;
    const auto events = json::parse(history.out).at("events");
    for (const auto& event : events)
      EXPECT_EQ(event["id"].get<long long>(), ++expected_id) << "round " << round;
  }
  return interrupted;
}

TEST(CrashResume, KilledRunsResumeToTheSameOutputWithExactlyOnceEffects) {
  const int interrupted = soak(machine(), R"({"n": 0})", json({{"n", 5}}), 5);
  std::cout << interrupted << " of 100 runs were interrupted mid-execution and resumed\n";
  EXPECT_GT(interrupted, 20);
}

TEST(CrashResume, ConcurrentIterationsResumeWithExactlyOnceEffectsAndHistory) {
  const json expected = json::parse(R"({"n": 0, "items": [1, 2, 3],
      "fan": [[{"n": 2}, {"n": 3}, {"n": 4}], [{"n": 2}, {"n": 3}, {"n": 4}]], "last": {"n": 1}})");
  const int interrupted =
      soak(concurrent_machine(), R"({"n": 0, "items": [1, 2, 3]})", expected, 7);
  std::cout << interrupted << " of 100 runs were interrupted mid-execution and resumed\n";
  EXPECT_GT(interrupted, 20);
}

}  // namespace
}  // namespace ae::test
