// Predictor inference benchmarks (Google Benchmark; Time = wall, CPU = the
// whole process, all threads) on the default simulated market, 900 tickers x 10 years, generated
// into $AE_BENCH_PREDICTOR (default /tmp/ae-bench-predictor) on first use,
// with a model trained walk-forward on it with the shipped parameters and
// promoted (setup, not timed; bench/predictor_bench.sh times `ae train`).
// Every benchmark scores the whole universe on one date (~870 members):
//   BM_PredictorScore           after data load: model output, calibration,
//                               vetoes and ranking for the cross-section
//                               already in memory - target < 100 ms
//                               (the reference: 3-4 min on Lambda);
//   BM_PredictorCrossSection/T  the data load: every member's reference
//                               features computed from its bars (the whole
//                               history) and rank-normalised, T threads;
//   BM_PredictorEndToEnd        predict(): champion load, features, scoring,
//                               write-time guard, health gate, three writes.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "core/artifact_store.h"
#include "core/clock.h"
#include "market/bar_store.h"
#include "market/synth/synthetic_market.h"
#include "predictor/dataset.h"
#include "predictor/inference.h"
#include "predictor/model_registry.h"
#include "predictor/parameters.h"
#include "predictor/training_run.h"
#include "predictor/veto.h"

namespace {

using namespace ae;

const core::Date kDate = core::parse_date("2026-11-27");
constexpr const char* kNow = "2026-11-30T14:00:00Z";

std::filesystem::path bench_root() {
  const char* env = std::getenv("AE_BENCH_PREDICTOR");
  return env != nullptr && *env != '\0' ? std::filesystem::path(env) : "/tmp/ae-bench-predictor";
}

struct Bench {
  market::BarStore bars{bench_root() / "market"};
  core::FileSystemStore store{bench_root() / "store"};
  core::VirtualClock clock{core::parse_timestamp(kNow)};
  core::ParameterSet parameters =
      predictor::load_predictor_parameters("", store, core::kDefaultProfile);  // shipped
  Bench() {
    if (!bars.has_universe()) {
      market::synth::SynthOptions options;
      options.end = kDate;
      market::synth::write_market(bars, market::synth::generate_market(options, bars.calendar()),
                                  options);
    }
    if (!predictor::champion_version(store)) {
      predictor::TrainingRequest request;
      request.promote = true;
      request.force_promote = true;
      predictor::run_training(bars, store, clock, parameters, request);
    }
  }
};

Bench& bench() {
  static Bench instance;
  return instance;
}

std::vector<std::string> universe_tickers(const predictor::CrossSection& cross) {
  std::vector<std::string> out;
  for (std::size_t r = 0; r < cross.data.rows(); ++r)
    out.push_back(cross.data.tickers[cross.data.ticker_of[r]]);
  return out;
}

void BM_PredictorScore(benchmark::State& state) {
  auto& b = bench();
  const auto model = predictor::load_champion(b.store);
  const auto cross =
      predictor::build_cross_section(b.bars, kDate, model.feature_names(), {}, "momentum_20d", 2);
  const auto tickers = universe_tickers(cross);
  for (auto _ : state) {
    auto rows = predictor::score_rows(model, cross, tickers, 0.25, -0.05);
    predictor::rank_and_veto(rows, 0.20);
    benchmark::DoNotOptimize(rows.data());
  }
  state.counters["tickers"] = static_cast<double>(tickers.size());
}
BENCHMARK(BM_PredictorScore)->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);

void BM_PredictorCrossSection(benchmark::State& state) {
  auto& b = bench();
  const auto model = predictor::load_champion(b.store);
  const auto threads = static_cast<unsigned>(state.range(0));
  std::size_t rows = 0;
  for (auto _ : state) {
    const auto cross = predictor::build_cross_section(b.bars, kDate, model.feature_names(), {},
                                                      "momentum_20d", threads);
    rows = cross.data.rows();
    benchmark::DoNotOptimize(cross.data.x.data());
  }
  state.counters["tickers"] = static_cast<double>(rows);
}
BENCHMARK(BM_PredictorCrossSection)
    ->Arg(1)
    ->Arg(2)
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);

void BM_PredictorEndToEnd(benchmark::State& state) {
  auto& b = bench();
  const auto scratch = bench_root() / "scratch";
  std::filesystem::remove_all(scratch);
  std::filesystem::copy(bench_root() / "store", scratch, std::filesystem::copy_options::recursive);
  core::FileSystemStore store(scratch);
  predictor::PredictRequest request;
  request.date = kDate;
  std::size_t written = 0;
  for (auto _ : state) {
    const auto result = predictor::predict(b.bars, store, b.clock, b.parameters, request);
    written = result.written.predictions.predictions.size();
  }
  state.counters["tickers"] = static_cast<double>(written);
}
BENCHMARK(BM_PredictorEndToEnd)->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);

}  // namespace
