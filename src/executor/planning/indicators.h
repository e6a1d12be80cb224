// Small price indicators the executor's rules are stated in (entry gates,
// sizing, exits, risk guard): Wilder ATR and RSI, N-bar momentum, close-to-close
// returns and Pearson correlation. Pure functions over plain columns;
// NaN means "not enough history".
#pragma once

#include <span>
#include <vector>

namespace ae::executor {

// Wilder ATR(period) at the last row: Wilder's smoothing
// (market/features/smoothing.h) of the true ranges, seeded with the mean of
// the first `period` of them.
double wilder_atr(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, int period = 14);

// The same ATR of several price series at once, out[k] for series[k], each
// the value wilder_atr gives: the recursions are independent, so one loop
// advances a few side by side and the CPU overlaps their divisions, where a
// recursion alone waits on each of its own in turn.
struct HighLowClose {
  std::span<const double> high, low, close;
};
void wilder_atrs(std::span<const HighLowClose> series, std::span<double> out, int period = 14);

// Wilder RSI(period) at the last row, 0..100: 100 - 100 / (1 + gain / loss)
// over the Wilder-smoothed gains and losses; 100 when there is no loss.
double wilder_rsi(std::span<const double> close, int period = 14);

// close[-1] / close[-1-bars] - 1 (decimal).
double momentum(std::span<const double> close, int bars = 20);

// Daily close-to-close returns of the last `bars` returns (fewer if short).
std::vector<double> tail_returns(std::span<const double> close, int bars);

// Pearson correlation (core::pearson) over the overlapping tail of two return
// series; NaN when the overlap is shorter than `min_points`.
double pearson_tail(std::span<const double> a, std::span<const double> b, int min_points = 10);

}  // namespace ae::executor
