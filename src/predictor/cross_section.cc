#include "predictor/cross_section.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace ae::predictor {

std::vector<double> average_ranks(std::span<const double> values) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (std::isfinite(values[i])) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && values[order[j]] == values[order[i]]) ++j;
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k) ranks[order[k]] = rank;
    i = j;
  }
  return ranks;
}

void rank_normalize(std::span<double> values) {
  const auto ranks = average_ranks(values);
  const auto finite = static_cast<std::size_t>(
      std::count_if(ranks.begin(), ranks.end(), [](double r) { return std::isfinite(r); }));
  for (std::size_t i = 0; i < values.size(); ++i) {
    values[i] = (finite <= 1 || !std::isfinite(ranks[i]))
                    ? 0.5
                    : (ranks[i] - 1.0) / static_cast<double>(finite - 1);
  }
}

double pearson(std::span<const double> x, std::span<const double> y) {
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
    sx += x[i];
    sy += y[i];
    ++n;
  }
  if (n < 3) return std::numeric_limits<double>::quiet_NaN();
  const double mx = sx / static_cast<double>(n), my = sy / static_cast<double>(n);
  for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  if (sxx <= 0 || syy <= 0) return std::numeric_limits<double>::quiet_NaN();
  return sxy / std::sqrt(sxx * syy);
}

double spearman(std::span<const double> x, std::span<const double> y) {
  std::vector<double> xs, ys;
  for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
    if (std::isfinite(x[i]) && std::isfinite(y[i])) {
      xs.push_back(x[i]);
      ys.push_back(y[i]);
    }
  }
  return pearson(average_ranks(xs), average_ranks(ys));
}

std::vector<int> deciles(std::span<const double> values) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (std::isfinite(values[i])) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<int> out(values.size(), -1);
  const double n = static_cast<double>(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    // qcut on ranks 1..n: bin edges at quantiles; rank r falls in floor((r-1)*10/n).
    out[order[k]] = std::min(9, static_cast<int>(std::floor(static_cast<double>(k) * 10.0 / n)));
  }
  return out;
}

}  // namespace ae::predictor
