// Research benchmarks (Google Benchmark) on a simulated market of 900
// tickers x 2 years, generated into $AE_BENCH_RESEARCH (default
// /tmp/ae-bench-research) on first use:
//   BM_ResearchRun/T    one full research run (universe scan, macro, factors,
//                       teams, CIO, population, signals.json + contract
//                       validation, SQLite history), T indicator threads; the
//                       data is already loaded in the bar store. The counter
//                       vs_reference is 900 s (the reference's Lambda
//                       ceiling, which it outgrew) divided by our time.
//   BM_Indicators/T     the technical snapshots alone.
// bench/research_run.sh times the same run through `ae research run`.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "core/artifact_store.h"
#include "core/clock.h"
#include "core/sqlite.h"
#include "market/bar_store.h"
#include "market/synth/synthetic_market.h"
#include "research/indicators.h"
#include "research/pipeline.h"
#include "research/research_parameters.h"

namespace {

using namespace ae;

constexpr const char* kRunDate = "2026-06-26";

std::filesystem::path bench_root() {
  const char* env = std::getenv("AE_BENCH_RESEARCH");
  return env != nullptr && *env != '\0' ? std::filesystem::path(env) : "/tmp/ae-bench-research";
}

market::BarStore& bench_market() {
  static market::BarStore store = [] {
    market::BarStore bars(bench_root() / "market");
    if (!bars.has_universe()) {
      market::synth::SynthOptions options;
      options.tickers = 900;
      options.years = 2;
      options.seed = 42;
      options.end = core::parse_date(kRunDate);
      market::synth::write_market(bars, market::synth::generate_market(options, bars.calendar()),
                                  options);
    }
    return bars;
  }();
  return store;
}

void BM_ResearchRun(benchmark::State& state) {
  auto& bars = bench_market();
  core::FileSystemStore store(bench_root() / "store");
  std::filesystem::create_directories(bench_root() / "state");
  core::Database database(bench_root() / "state" / "research.db");
  const core::VirtualClock clock(core::parse_timestamp("2026-06-27T12:00:00Z"));
  const auto parameters = research::load_research_parameters("", store, core::kDefaultProfile);
  research::RunOptions options;
  options.date = core::parse_date(kRunDate);
  options.force = true;
  options.threads = static_cast<unsigned>(state.range(0));
  const research::ResearchContext context{bars, store, database, clock, parameters, nullptr};
  for (auto _ : state) {
    const auto result = research::run_research(context, options);
    benchmark::DoNotOptimize(result);
  }
  state.counters["runs_per_s"] =
      benchmark::Counter(1.0, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["vs_reference"] =
      benchmark::Counter(900.0, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ResearchRun)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Indicators(benchmark::State& state) {
  auto& bars = bench_market();
  const auto universe = bars.read_universe();
  std::vector<research::TickerSector> tickers;
  for (const auto& c : universe.constituents) tickers.push_back({c.ticker, c.sector});
  for (auto _ : state) {
    const auto out = research::compute_all_indicators(bars, tickers, core::parse_date(kRunDate), 5,
                                                      static_cast<unsigned>(state.range(0)));
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_Indicators)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
