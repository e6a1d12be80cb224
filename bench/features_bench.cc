// Feature benchmarks (Google Benchmark) on the store under $AE_BENCH_MARKET
// (default /tmp/ae-bench-market; run market_bench or `ae data synth` first):
//   BM_ReferenceFeatures/T   all 29 reference features for every constituent
//                            (~2.3M bars at 900 x 10y), T threads; the time
//                            includes reading the bars from the mapped store
//                            and keeping every symbol's result; freeing them
//                            after each iteration is not timed (the pandas
//                            peer keeps its results past its clock too),
//                            and their memory is handed back to the kernel
//                            there, so that every repetition gets fresh
//                            pages, as pandas' loop does (the heap policy of
//                            bench_main.cc would otherwise reuse them).
//                            Its label is a digest of every value's bits
//                            (untimed), the same for any thread count, to
//                            check that a change leaves the values alone.
// bench/features_vs_pandas.sh runs this beside the same features in pandas.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <cstdlib>
#include <filesystem>

#include "market/bar_store.h"
#include "market/features/feature_engine.h"
#include "market/features/reference_features.h"
#include "value_digest.h"

namespace {

using namespace ae::market;
using ae::bench::ValueDigest;

std::filesystem::path bench_root() {
  const char* env = std::getenv("AE_BENCH_MARKET");
  return env != nullptr && *env != '\0' ? std::filesystem::path(env) : "/tmp/ae-bench-market";
}

// Every value's bits, symbol by symbol, column by column.
std::string digest(const std::vector<features::SymbolFeatures>& all) {
  ValueDigest digest;
  for (const auto& s : all) {
    for (std::size_t f = 0; f < s.values.names().size(); ++f) {
      for (const double v : s.values.column(f)) digest.add(v);
    }
  }
  return digest.hex();
}

void BM_ReferenceFeatures(benchmark::State& state) {
  BarStore store(bench_root());
  std::vector<std::string> tickers;
  for (const auto& c : store.read_universe().constituents) tickers.push_back(c.ticker);
  const features::FeatureEngine engine(store);
  std::size_t rows = 0;
  for (auto _ : state) {
    auto out = engine.compute_all(tickers, features::FeatureSet::kReference,
                                  static_cast<unsigned>(state.range(0)));
    rows = 0;
    for (const auto& s : out) rows += s.values.rows();
    benchmark::DoNotOptimize(out);
    state.PauseTiming();
    if (state.iterations() == 0) state.SetLabel("digest " + digest(out));
    std::vector<features::SymbolFeatures>().swap(out);
    malloc_trim(0);  // the results' pages go back to the kernel: each repetition gets fresh ones
    state.ResumeTiming();
  }
  state.counters["bars"] = static_cast<double>(rows);
  state.counters["features"] = static_cast<double>(features::reference_feature_names().size());
}
BENCHMARK(BM_ReferenceFeatures)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
