// Column primitives for the feature code: each reads a whole input column and
// writes a whole output column of the same length (out[i] depends on x[0..i]
// only). Inputs may start with NaNs (an indicator of an indicator); a value is
// produced only once its full window of finite inputs exists, so every output
// is NaN before its warm-up and never 0 by default. All are O(1) per row:
// the windows and recursions are loops over their streaming forms in
// streams.h and smoothing.h (running sums, the EMA-type recursions), whose
// arithmetic they share; max / min use blocks of n rows (rolling.cc).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>

namespace ae::market::features {

using Column = std::span<const double>;
using Out = std::span<double>;

// Simple moving average of the last n values.
void sma(Column x, int n, Out out);
// EMA with alpha = 2/(n+1), seeded with the SMA of the first n finite values.
void ema(Column x, int n, Out out);
// Wilder's smoothing (alpha = 1/n), seeded with the SMA of the first n values
// (smoothing.h).
void wilder(Column x, int n, Out out);
// Sample standard deviation (ddof = 1) of the last n values.
void rolling_std(Column x, int n, Out out);
// Max / min of the last n values.
void rolling_max(Column x, int n, Out out);
void rolling_min(Column x, int n, Out out);
// Sample covariance (ddof = 1) of the last n pairs.
void rolling_cov(Column x, Column y, int n, Out out);
// x[i] / x[i-n] - 1.
void pct_change(Column x, int n, Out out);
// ln(x[i] / x[i-1]).
void log_return(Column x, Out out);

// x[i] / x[i-n] (i >= n), the ratio behind pct_change and log_return.
inline double change(Column x, std::size_t i, std::size_t n) { return x[i] / x[i - n]; }

// A bar's true range: the largest of high - low and the high's and the low's
// distances from the previous close (the reference features' ATR-14 and the
// executor's ATR).
inline double true_range(double high, double low, double previous_close) {
  return std::max(std::max(high - low, std::abs(high - previous_close)),
                  std::abs(low - previous_close));
}

}  // namespace ae::market::features
