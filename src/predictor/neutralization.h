// Risk neutralisation of a model's scores: per trading day, each score is
// replaced by its residual from an ordinary least-squares fit of the day's
// scores on an intercept and the day's exposures (feature columns of the
// design matrix, already rank-normalised across the day's cross-section).
// What is left is the part of the ranking the exposures do not explain: a
// model that mostly learned which kind of stock (high beta, high volatility)
// did well lately no longer bets on that kind doing well again.
//
// The residuals have a zero mean per day and a zero sample covariance with
// each exposure. An exposure constant on a day (or a linear combination of
// the others) is skipped for that day. Deterministic: the fit is a
// Gram-Schmidt projection in row order.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ae::predictor {

// Rows grouped by day (day non-decreasing); `x` is rows x `columns`,
// row-major; `exposures` are column indices into it. Scores are adjusted in
// place; with no exposures nothing changes.
void neutralize_by_day(std::span<const std::int32_t> day, std::span<double> scores,
                       std::span<const float> x, std::size_t columns,
                       std::span<const std::size_t> exposures);

// The column index of each name of `neutralize` in `features`; InvalidInput
// naming the first name that is not a model feature.
std::vector<std::size_t> exposure_columns(const std::vector<std::string>& features,
                                          const std::vector<std::string>& neutralize);

}  // namespace ae::predictor
