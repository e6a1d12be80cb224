// Cross-sectional statistics shared by training, inference and evaluation.
//   rank_normalize  the reference's per-date rank normalisation: the finite
//                   values get their average rank scaled to rank/(n-1) in
//                   [0, 1]; non-finite -> 0.5; with <= 1 finite value every
//                   entry is 0.5.
//   pearson / spearman  over the pairs where both are finite; NaN with fewer
//                   than 3 pairs or zero variance.
//   deciles         pd.qcut(rank(method="first"), 10): decile 0..9 of each
//                   finite value (ties broken by position), -1 if non-finite.
#pragma once

#include <span>
#include <vector>

namespace ae::predictor {

void rank_normalize(std::span<double> values);

// Average ranks (1-based) of the finite values; non-finite entries get NaN.
std::vector<double> average_ranks(std::span<const double> values);

double pearson(std::span<const double> x, std::span<const double> y);
double spearman(std::span<const double> x, std::span<const double> y);

std::vector<int> deciles(std::span<const double> values);

}  // namespace ae::predictor
