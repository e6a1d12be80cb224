// Market data benchmarks (Google Benchmark):
//   BM_SynthGenerate          the default simulated market, 900 tickers x 10
//                             years, generated in memory;
//   BM_SynthWrite             writing it to a bar store (gates + one atomic
//                             file per symbol, fsync'ed);
//   BM_OpenAndCrossSection    a fresh BarStore (calendar build) + universe +
//                             one date's close for every constituent (each
//                             symbol's file opened and mapped) - "cold" for
//                             the process; the OS page cache stays warm.
// The store is kept under $AE_BENCH_MARKET (default /tmp/ae-bench-market).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "market/bar_store.h"
#include "market/panel.h"
#include "market/synth/synthetic_market.h"

namespace {

using namespace ae::market;

std::filesystem::path bench_root() {
  const char* env = std::getenv("AE_BENCH_MARKET");
  return env != nullptr && *env != '\0' ? std::filesystem::path(env) : "/tmp/ae-bench-market";
}

synth::SynthOptions default_options() {
  synth::SynthOptions options;
  options.end = ae::core::parse_date("2026-11-27");
  return options;
}

void BM_SynthGenerate(benchmark::State& state) {
  const TradingCalendar calendar;
  for (auto _ : state) {
    auto market = synth::generate_market(default_options(), calendar);
    state.counters["bars"] = static_cast<double>(market.summary.bars);
    benchmark::DoNotOptimize(market);
  }
}
BENCHMARK(BM_SynthGenerate)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

void BM_SynthWrite(benchmark::State& state) {
  const TradingCalendar calendar;
  const auto market = synth::generate_market(default_options(), calendar);
  for (auto _ : state) {
    BarStore store(bench_root());
    synth::write_market(store, market, default_options());
  }
}
BENCHMARK(BM_SynthWrite)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

void BM_OpenAndCrossSection(benchmark::State& state) {
  for (auto _ : state) {
    BarStore store(bench_root());
    const Universe universe = store.read_universe();
    std::vector<std::string> tickers;
    for (const auto& c : universe.constituents) tickers.push_back(c.ticker);
    const auto day = store.calendar().index_of(ae::core::parse_date("2026-11-27"));
    const auto closes = cross_section(store, tickers, Field::kClose, day);
    state.counters["symbols"] = static_cast<double>(closes.size());
    benchmark::DoNotOptimize(closes);
  }
}
BENCHMARK(BM_OpenAndCrossSection)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
