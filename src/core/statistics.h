// Ranks and correlations between two columns, with one rule for every caller
// (training, the backtest's metrics, the simulated market's oracle, the risk
// guard):
//   - only the pairs (x[i], y[i]) where both values are finite count; NaN and
//     infinities mark a missing value;
//   - a correlation needs at least kMinCorrelationPairs such pairs (with two,
//     any two distinct values correlate exactly +1 or -1) and variation on
//     both sides; otherwise it is undefined and the result is NaN. A side
//     varies when its values are not all equal (an exact test, so the rounding
//     noise of a constant column never passes for a correlation).
// x and y must have the same length (InvalidInput otherwise).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace ae::core {

inline constexpr std::size_t kMinCorrelationPairs = 3;

// Average ranks (1-based) of the finite values, ties sharing the mean of their
// positions; non-finite entries get NaN.
std::vector<double> average_ranks(std::span<const double> values);

// Pearson correlation over the finite pairs (two passes: means, then centred
// sums); NaN when undefined.
double pearson(std::span<const double> x, std::span<const double> y);

// Spearman correlation: Pearson of the average ranks of the finite pairs; NaN
// when undefined.
double spearman(std::span<const double> x, std::span<const double> y);

// Mean, sample standard deviation (ddof 1) and their ratio of a series of
// finite values (a daily IC series, say). stdev is 0 with fewer than two
// values; ratio is mean / stdev, 0 when the values do not vary (as above:
// all equal) or there are fewer than two.
struct SeriesSummary {
  std::size_t count = 0;
  double mean = 0;
  double stdev = 0;
  double ratio = 0;
};
SeriesSummary summarize(std::span<const double> values);

}  // namespace ae::core
