#include "ops/statistics.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

#include "core/error.h"

namespace ae::ops {

std::string Statistic::name() const {
  switch (kind) {
    case Kind::kSampleCount:
      return "SampleCount";
    case Kind::kAverage:
      return "Average";
    case Kind::kSum:
      return "Sum";
    case Kind::kMinimum:
      return "Minimum";
    case Kind::kMaximum:
      return "Maximum";
    case Kind::kPercentile:
      return fmt::format("p{}", percentile);
  }
  return "?";
}

Statistic parse_statistic(std::string_view text) {
  using Kind = Statistic::Kind;
  if (text == "SampleCount") return {Kind::kSampleCount, 0};
  if (text == "Average") return {Kind::kAverage, 0};
  if (text == "Sum") return {Kind::kSum, 0};
  if (text == "Minimum") return {Kind::kMinimum, 0};
  if (text == "Maximum") return {Kind::kMaximum, 0};
  if (text.size() > 1 && text[0] == 'p') {
    const auto digits = text.substr(1);
    const bool shape_ok = std::all_of(digits.begin(), digits.end(),
                                      [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
    double value = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (shape_ok && ec == std::errc() && end == digits.data() + digits.size() && value > 0 &&
        value <= 100)
      return {Kind::kPercentile, value};
  }
  throw core::InvalidInput(fmt::format(
      "unknown statistic '{}' (SampleCount, Average, Sum, Minimum, Maximum or pNN)", text));
}

double compute_statistic(const Statistic& statistic, std::vector<double>& samples) {
  using Kind = Statistic::Kind;
  if (samples.empty()) throw core::InvalidInput("statistic of an empty sample set");
  switch (statistic.kind) {
    case Kind::kSampleCount:
      return static_cast<double>(samples.size());
    case Kind::kSum:
      return std::accumulate(samples.begin(), samples.end(), 0.0);
    case Kind::kAverage:
      return std::accumulate(samples.begin(), samples.end(), 0.0) /
             static_cast<double>(samples.size());
    case Kind::kMinimum:
      return *std::min_element(samples.begin(), samples.end());
    case Kind::kMaximum:
      return *std::max_element(samples.begin(), samples.end());
    case Kind::kPercentile: {
      const auto n = samples.size();
      auto rank = static_cast<std::size_t>(std::ceil(statistic.percentile / 100.0 * n));
      rank = std::clamp<std::size_t>(rank, 1, n);
      std::nth_element(samples.begin(), samples.begin() + (rank - 1), samples.end());
      return samples[rank - 1];
    }
  }
  return 0;
}

bool is_low_sample_count(const Statistic& statistic, std::size_t sample_count) {
  if (statistic.kind != Statistic::Kind::kPercentile) return false;
  const double p = statistic.percentile / 100.0;
  if (p >= 1.0) return false;
  const double needed = p >= 0.5 ? 10.0 / (1.0 - p) : 10.0 / p;
  return static_cast<double>(sample_count) < needed;
}

}  // namespace ae::ops
