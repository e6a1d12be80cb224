// States engine throughput: state transitions per second for a 1,000-state
// Pass chain, a Map over 10,000 items and a Choice/Wait polling loop, each in
// memory (no history) and durable (SQLite history + checkpoints, WAL,
// synchronous=NORMAL), on a virtual clock. Rates are per wall-clock second.
// And the wall time of a Map over 1,000 items of a task that sleeps 10 ms (of
// real time) with MaxConcurrency 1 and 2: what running iterations
// concurrently gains (iterations run at once up to MaxConcurrency).
//   build-x/bench/states_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "core/clock.h"
#include "states/parse/parser.h"
#include "states/run/executions.h"
#include "states/run/interpreter.h"

namespace {

using ae::states::Json;

Json pass_chain(int length) {
  Json states = Json::object();
  for (int i = 0; i < length; ++i) {
    Json state = {{"Type", "Pass"}};
    if (i + 1 < length) {
      state["Next"] = "S" + std::to_string(i + 1);
    } else {
      state["End"] = true;
    }
    states["S" + std::to_string(i)] = state;
  }
  return {{"StartAt", "S0"}, {"States", states}};
}

Json map_machine() {
  return Json::parse(R"json({"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
    "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}})json");
}

Json polling_loop() {
  return Json::parse(R"json({"StartAt": "Poll", "States": {
    "Poll": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "Done?"},
    "Done?": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThanEquals": 1000, "Next": "Finished"}],
              "Default": "Sleep"},
    "Sleep": {"Type": "Wait", "Seconds": 60, "Next": "Poll"},
    "Finished": {"Type": "Succeed"}}})json");
}

Json map_input() {
  Json items = Json::array();
  for (int i = 0; i < 10000; ++i) items.push_back(i);
  return {{"items", items}};
}

// A 10,000-item inline Map writes ~40,000 events, over AWS's 25,000 limit
// (AWS would need a distributed Map); the benchmark lifts the limit.
ae::states::InterpreterOptions unlimited() {
  ae::states::InterpreterOptions options;
  options.max_history_events = 1'000'000;
  return options;
}

// Transitions = states entered (Map iterations enter one state each).
void run_in_memory(benchmark::State& state, const Json& definition, const Json& input,
                   double transitions) {
  auto machine = ae::states::parse_definition(definition);
  ae::states::ResourceRegistry registry;
  ae::core::VirtualClock clock(ae::core::parse_timestamp("2026-01-05T14:30:00Z"));
  ae::states::Interpreter interpreter(machine, registry, clock, nullptr, nullptr, unlimited());
  ae::states::ExecutionInfo info;
  info.id = "bench";
  info.input = input;
  for (auto _ : state) {
    auto result = interpreter.run(info);
    if (result.status != ae::states::ExecutionStatus::kSucceeded) state.SkipWithError("failed");
  }
  state.counters["transitions/s"] = benchmark::Counter(
      transitions * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void run_durable(benchmark::State& state, const Json& definition, const Json& input,
                 double transitions) {
  spdlog::set_level(spdlog::level::warn);  // one info line per execution would swamp the output
  const auto dir =
      std::filesystem::temp_directory_path() / ("ae-states-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    ae::states::HistoryStore store(dir / "executions.sqlite");
    ae::states::ResourceRegistry registry;
    ae::core::VirtualClock clock(ae::core::parse_timestamp("2026-01-05T14:30:00Z"));
    ae::states::ExecutionService service(store, registry, clock, unlimited());
    const std::string text = definition.dump();
    int run = 0;
    for (auto _ : state) {
      auto record =
          service.start({text, input, "run-" + std::to_string(run++), "bench", "virtual"});
      if (record.status != ae::states::ExecutionStatus::kSucceeded) state.SkipWithError("failed");
    }
  }
  std::filesystem::remove_all(dir);
  state.counters["transitions/s"] = benchmark::Counter(
      transitions * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_PassChain1000_InMemory(benchmark::State& state) {
  run_in_memory(state, pass_chain(1000), Json::object(), 1000);
}
void BM_PassChain1000_Durable(benchmark::State& state) {
  run_durable(state, pass_chain(1000), Json::object(), 1000);
}
void BM_Map10000_InMemory(benchmark::State& state) {
  run_in_memory(state, map_machine(), map_input(), 10001);
}
void BM_Map10000_Durable(benchmark::State& state) {
  run_durable(state, map_machine(), map_input(), 10001);
}
// 1,000 polls: Pass + Choice + Wait per poll, the last poll ends in Succeed.
void BM_ChoiceWaitLoop_InMemory(benchmark::State& state) {
  run_in_memory(state, polling_loop(), Json{{"n", 0}}, 2999);
}
void BM_ChoiceWaitLoop_Durable(benchmark::State& state) {
  run_durable(state, polling_loop(), Json{{"n", 0}}, 2999);
}

// 1,000 items, each a Task that sleeps 10 ms of real time, at most
// `max_concurrency` at once.
void BM_SleepingMap1000(benchmark::State& state) {
  const auto max_concurrency = state.range(0);
  auto machine = ae::states::parse_definition(Json::parse(
      R"json({"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
        "MaxConcurrency": )json" +
      std::to_string(max_concurrency) + R"json(, "End": true, "ItemProcessor": {"StartAt": "Nap",
        "States": {"Nap": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:nap",
                           "TimeoutSeconds": 60, "End": true}}}}}})json"));
  ae::states::ResourceRegistry registry;
  registry.add_function("nap", [](const ae::states::TaskRequest& request) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return request.input;
  });
  ae::core::VirtualClock clock(ae::core::parse_timestamp("2026-01-05T14:30:00Z"));
  ae::states::Interpreter interpreter(machine, registry, clock, nullptr, nullptr);
  ae::states::ExecutionInfo info;
  info.id = "bench";
  Json items = Json::array();
  for (int i = 0; i < 1000; ++i) items.push_back(i);
  info.input = {{"items", items}};
  for (auto _ : state) {
    auto result = interpreter.run(info);
    if (result.status != ae::states::ExecutionStatus::kSucceeded) state.SkipWithError("failed");
  }
  state.counters["items/s"] = benchmark::Counter(1000.0 * static_cast<double>(state.iterations()),
                                                 benchmark::Counter::kIsRate);
}

BENCHMARK(BM_PassChain1000_InMemory)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PassChain1000_Durable)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Map10000_InMemory)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Map10000_Durable)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ChoiceWaitLoop_InMemory)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ChoiceWaitLoop_Durable)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_SleepingMap1000)
    ->ArgName("MaxConcurrency")
    ->Arg(1)
    ->Arg(2)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

}  // namespace
