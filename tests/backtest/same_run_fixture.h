// The backtest tests' comparison of two runs of one book: the same dates, NAV
// path (bit for bit), SPY closes, positions, invested value, fills,
// rejections and guard firings, each reported by index when it differs.
#pragma once

#include "backtest/result.h"

namespace ae::backtest::test_world {

void expect_same_run(const BacktestResult& got, const BacktestResult& want);

}  // namespace ae::backtest::test_world
