// The main of every benchmark executable: the heap policy `ae` runs with
// (core/heap_policy.h), then Google Benchmark's own main.
#include <benchmark/benchmark.h>

#include "core/heap_policy.h"

int main(int argc, char** argv) {
  ae::core::keep_freed_memory();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
