// The output health gate (the reference's batch health check, stated as
// invariants): a batch of fewer than 5 rows passes; otherwise, in this order,
// it fails on
//   non_finite_alpha   share of non-finite alphas > 0.20
//   modal_alpha        the most common alpha (rounded to 9 dp) >= 90% of rows
//   sign_skew          the larger of the positive/negative shares of finite
//                      alphas >= 0.97
//   p_up_saturation    share of p_up <= 0.011 or >= 0.989 > 0.25
// The verdict and every measured rate are always recorded; whether a failure
// blocks the write is the caller's configuration.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/contracts/predictions.h"

namespace ae::predictor {

struct OutputHealth {
  bool passed = true;
  std::optional<std::string> failed_check;
  std::optional<std::string> reason;
  nlohmann::json metrics = nlohmann::json::object();
};

// alpha[i] and p_up[i] per row (p_up NaN when unknown).
OutputHealth evaluate_output_health(const std::vector<double>& alpha,
                                    const std::vector<double>& p_up);

OutputHealth evaluate_output_health(const std::vector<core::Prediction>& rows);

}  // namespace ae::predictor
