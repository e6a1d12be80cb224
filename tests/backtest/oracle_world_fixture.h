// A small simulated world for the backtest's tests: 40 tickers over two years
// to 2025-06-06 (seed 5, the planted signal at its default strength), and the
// oracle's decisions from 2024-11-01 to 2025-06-06 (weekly research from the
// planted signal, every buy candidate predicted). Built once per binary.
#pragma once

#include <memory>

#include "backtest/decision_inputs.h"
#include "market/bar_store.h"
#include "support/test_support.h"

namespace ae::backtest::test_world {

struct OracleWorld {
  test::TempDir dir;
  std::unique_ptr<market::BarStore> bars;
  std::unique_ptr<SeriesCache> series;
  DecisionInputs inputs;
  OracleWorld();
};

const OracleWorld& oracle_world();

}  // namespace ae::backtest::test_world
