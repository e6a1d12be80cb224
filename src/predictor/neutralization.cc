#include "predictor/neutralization.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace ae::predictor {
namespace {

double dot(std::span<const double> a, std::span<const double> b) {
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return sum;
}

void center(std::span<double> values) {
  if (values.empty()) return;
  double mean = 0;
  for (const double v : values) mean += v;
  mean /= static_cast<double>(values.size());
  for (double& v : values) v -= mean;
}

// Residual of one day's scores on an intercept and its exposures.
void neutralize_day(std::span<double> scores, std::span<const float> x, std::size_t columns,
                    std::size_t first_row, std::span<const std::size_t> exposures) {
  const std::size_t n = scores.size();
  center(scores);
  std::vector<std::vector<double>> basis;  // orthogonal, centred exposures
  for (const std::size_t column : exposures) {
    std::vector<double> e(n);
    for (std::size_t i = 0; i < n; ++i) e[i] = x[(first_row + i) * columns + column];
    center(e);
    const double raw_norm = dot(e, e);
    for (const auto& q : basis) {
      const double k = dot(e, q) / dot(q, q);
      for (std::size_t i = 0; i < n; ++i) e[i] -= k * q[i];
    }
    // Constant, or explained by the exposures before it: nothing to remove.
    if (!(dot(e, e) > 1e-12 * std::max(raw_norm, 1e-300))) continue;
    basis.push_back(std::move(e));
  }
  for (const auto& q : basis) {
    const double k = dot(scores, q) / dot(q, q);
    for (std::size_t i = 0; i < n; ++i) scores[i] -= k * q[i];
  }
}

}  // namespace

void neutralize_by_day(std::span<const std::int32_t> day, std::span<double> scores,
                       std::span<const float> x, std::size_t columns,
                       std::span<const std::size_t> exposures) {
  if (exposures.empty()) return;
  if (day.size() != scores.size() || x.size() != scores.size() * columns)
    throw core::InvalidInput("neutralize: days, scores and the design matrix disagree in rows");
  for (const std::size_t column : exposures)
    if (column >= columns) throw core::InvalidInput("neutralize: exposure column out of range");
  for (std::size_t begin = 0; begin < day.size();) {
    std::size_t end = begin;
    while (end < day.size() && day[end] == day[begin]) ++end;
    neutralize_day(scores.subspan(begin, end - begin), x, columns, begin, exposures);
    begin = end;
  }
}

std::vector<std::size_t> exposure_columns(const std::vector<std::string>& features,
                                          const std::vector<std::string>& neutralize) {
  std::vector<std::size_t> out;
  for (const auto& name : neutralize) {
    const auto it = std::find(features.begin(), features.end(), name);
    if (it == features.end())
      throw core::InvalidInput(fmt::format(
          "predictor: neutralize names {}, which is not one of the model's features", name));
    out.push_back(static_cast<std::size_t>(it - features.begin()));
  }
  return out;
}

}  // namespace ae::predictor
