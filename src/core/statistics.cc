#include "core/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <utility>

#include "core/error.h"
#include "core/missing_value.h"

namespace ae::core {
namespace {

void check_lengths(std::span<const double> x, std::span<const double> y, const char* what) {
  if (x.size() != y.size()) {
    throw InvalidInput(std::string(what) + ": " + std::to_string(x.size()) + " x values and " +
                       std::to_string(y.size()) + " y values (must be equal)");
  }
}

bool finite_pair(double x, double y) { return std::isfinite(x) && std::isfinite(y); }

}  // namespace

std::vector<double> average_ranks(std::span<const double> values) {
  // The finite values with their positions, sorted by value: the keys sit
  // next to each other, which sorts faster than positions compared through
  // the values. Ties share their average rank, whatever their order.
  std::vector<std::pair<double, std::size_t>> order;
  order.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    if (std::isfinite(values[i])) order.emplace_back(values[i], i);
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<double> ranks(values.size(), kNaN);
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && order[j].first == order[i].first) ++j;
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k) ranks[order[k].second] = rank;
    i = j;
  }
  return ranks;
}

double pearson(std::span<const double> x, std::span<const double> y) {
  check_lengths(x, y, "pearson");
  double sx = 0, sy = 0, x0 = 0, y0 = 0;
  bool x_varies = false, y_varies = false;
  std::size_t n = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!finite_pair(x[i], y[i])) continue;
    if (n == 0) {
      x0 = x[i];
      y0 = y[i];
    }
    x_varies = x_varies || x[i] != x0;
    y_varies = y_varies || y[i] != y0;
    sx += x[i];
    sy += y[i];
    ++n;
  }
  if (n < kMinCorrelationPairs || !x_varies || !y_varies) return kNaN;
  const double mx = sx / static_cast<double>(n), my = sy / static_cast<double>(n);
  double sxx = 0, syy = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!finite_pair(x[i], y[i])) continue;
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const double scale = std::sqrt(sxx * syy);
  return scale > 0 ? sxy / scale : kNaN;
}

double spearman(std::span<const double> x, std::span<const double> y) {
  check_lengths(x, y, "spearman");
  std::vector<double> xs, ys;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (finite_pair(x[i], y[i])) {
      xs.push_back(x[i]);
      ys.push_back(y[i]);
    }
  }
  if (xs.size() < kMinCorrelationPairs) return kNaN;
  return pearson(average_ranks(xs), average_ranks(ys));
}

SeriesSummary summarize(std::span<const double> values) {
  SeriesSummary s;
  s.count = values.size();
  if (values.empty()) return s;
  const auto n = static_cast<double>(values.size());
  s.mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  if (values.size() < 2) return s;
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.stdev = std::sqrt(squares / (n - 1));
  const bool varies =
      std::any_of(values.begin(), values.end(), [&](double v) { return v != values.front(); });
  s.ratio = varies && s.stdev > 0 ? s.mean / s.stdev : 0.0;
  return s;
}

}  // namespace ae::core
