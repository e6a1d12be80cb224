// CloudWatch statistics over the samples of one period: SampleCount, Average,
// Sum, Minimum, Maximum and percentiles "pNN" / "pNN.NN" (0 < NN <= 100).
// Percentiles use the nearest-rank definition on the sorted samples (the
// smallest sample with at least NN% of samples at or below it); CloudWatch
// does not publish its interpolation, so this is our stated choice.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ae::ops {

struct Statistic {
  enum class Kind { kSampleCount, kAverage, kSum, kMinimum, kMaximum, kPercentile };
  Kind kind = Kind::kMaximum;
  double percentile = 0;  // for kPercentile, in (0, 100]

  std::string name() const;  // "Maximum", "p99", "p99.9"
  bool operator==(const Statistic&) const = default;
};

// "Maximum", "p99", "p99.5"; throws InvalidInput naming the text otherwise.
Statistic parse_statistic(std::string_view text);

// The statistic of a non-empty sample set (the vector is reordered).
double compute_statistic(const Statistic& statistic, std::vector<double>& samples);

// EvaluateLowSampleCountPercentile: true when a percentile has too few samples
// to be meaningful (fewer than 10/(1-p) for p >= 0.5, else fewer than 10/p).
bool is_low_sample_count(const Statistic& statistic, std::size_t sample_count);

}  // namespace ae::ops
