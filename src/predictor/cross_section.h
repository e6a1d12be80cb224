// Cross-sectional transforms shared by training, inference and evaluation
// (correlations are core/statistics.h).
//   rank_normalize  the reference's per-date rank normalisation: the finite
//                   values get their average rank scaled to rank/(n-1) in
//                   [0, 1]; non-finite -> 0.5; with <= 1 finite value every
//                   entry is 0.5.
//   deciles         pd.qcut(rank(method="first"), 10): decile 0..9 of each
//                   finite value (ties broken by position), -1 if non-finite.
#pragma once

#include <span>
#include <vector>

namespace ae::predictor {

void rank_normalize(std::span<double> values);

std::vector<int> deciles(std::span<const double> values);

}  // namespace ae::predictor
