#include "core/information_coefficient.h"

#include <cmath>

namespace ae::core {

void IcAccumulator::add_day(std::span<const double> predicted, std::span<const double> realised) {
  const double ic = pearson(predicted, realised);
  const double rank_ic = spearman(predicted, realised);
  if (std::isfinite(ic) && std::isfinite(rank_ic)) {
    ic_.push_back(ic);
    rank_ic_.push_back(rank_ic);
  }
}

IcSummary IcAccumulator::summary() const {
  return {ic_.size(), summarize(ic_), summarize(rank_ic_)};
}

}  // namespace ae::core
