// Contract validation cost: one day's predictions document for 900 tickers
// validated against the predictions contract (schema, rules), as the
// predictor does on every write and the executor on every read.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/contracts/contract.h"

namespace {

nlohmann::json predictions_document(int tickers) {
  nlohmann::json rows = nlohmann::json::array();
  for (int i = 0; i < tickers; ++i) {
    rows.push_back({{"ticker", fmt::format("T{:04d}", i)},
                    {"predicted_direction", i % 2 ? "UP" : "DOWN"},
                    {"prediction_confidence", 0.5 + (i % 50) / 100.0},
                    {"predicted_alpha", (i % 21 - 10) / 1000.0},
                    {"combined_rank", i + 1},
                    {"gbm_veto", false},
                    {"momentum_veto", false},
                    {"watchlist_source", "universe"}});
  }
  return {{"date", "2026-04-20"},   {"model_version", "v1"},  {"n_predictions", tickers},
          {"n_high_confidence", 0}, {"veto_threshold", 0.65}, {"predictions", rows}};
}

void BM_ValidatePredictions900(benchmark::State& state) {
  const auto document = predictions_document(900);
  for (auto _ : state) {
    ae::core::validate_contract(ae::core::Contract::kPredictions, document, "bench");
  }
}
BENCHMARK(BM_ValidatePredictions900)->Unit(benchmark::kMillisecond);

void BM_ValidatePredictions1(benchmark::State& state) {
  const auto document = predictions_document(1);
  for (auto _ : state) {
    ae::core::validate_contract(ae::core::Contract::kPredictions, document, "bench");
  }
}
BENCHMARK(BM_ValidatePredictions1)->Unit(benchmark::kMicrosecond);

}  // namespace
