#include "predictor/cross_section.h"

#include <algorithm>
#include <cmath>

#include "core/statistics.h"

namespace ae::predictor {

void rank_normalize(std::span<double> values) {
  const auto ranks = core::average_ranks(values);
  const auto finite = static_cast<std::size_t>(
      std::count_if(ranks.begin(), ranks.end(), [](double r) { return std::isfinite(r); }));
  for (std::size_t i = 0; i < values.size(); ++i) {
    values[i] = (finite <= 1 || !std::isfinite(ranks[i]))
                    ? 0.5
                    : (ranks[i] - 1.0) / static_cast<double>(finite - 1);
  }
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
