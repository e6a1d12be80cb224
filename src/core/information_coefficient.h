// The information coefficient of predictions against realised outcomes, over
// days: each day's IC is the Pearson and its rank IC the Spearman correlation
// of that day's predictions and outcomes (core/statistics.h: finite pairs only,
// undefined below three pairs or without variation). A day whose correlation
// is undefined is left out; the summary gives, for IC and rank IC, the mean
// over the days kept, the standard deviation and the IR = mean / stdev.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/statistics.h"

namespace ae::core {

struct IcSummary {
  std::size_t days = 0;  // days with a defined correlation
  SeriesSummary ic;
  SeriesSummary rank_ic;
};

class IcAccumulator {
 public:
  // One day's predictions and outcomes, pairwise (same length).
  void add_day(std::span<const double> predicted, std::span<const double> realised);
  IcSummary summary() const;

 private:
  std::vector<double> ic_, rank_ic_;
};

}  // namespace ae::core
