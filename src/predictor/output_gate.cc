#include "predictor/output_gate.h"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace ae::predictor {

OutputHealth evaluate_output_health(const std::vector<double>& alpha,
                                    const std::vector<double>& p_up) {
  OutputHealth health;
  const std::size_t n = alpha.size();
  std::size_t non_finite = 0, positive = 0, negative = 0, saturated = 0, with_p = 0;
  std::map<long long, std::size_t> modes;
  for (double a : alpha) {
    if (!std::isfinite(a)) {
      ++non_finite;
      continue;
    }
    if (a > 0) ++positive;
    if (a < 0) ++negative;
    ++modes[std::llround(a * 1e9)];
  }
  for (double p : p_up) {
    if (!std::isfinite(p)) continue;
    ++with_p;
    if (p <= 0.011 || p >= 0.989) ++saturated;
  }
  std::size_t modal = 0;
  for (const auto& [value, count] : modes) modal = std::max(modal, count);
  const std::size_t finite = n - non_finite;
  const double nd = static_cast<double>(n);
  const double non_finite_rate = n ? non_finite / nd : 0;
  const double modal_share = n ? modal / nd : 0;
  const double sign_skew = finite ? std::max(positive, negative) / static_cast<double>(finite) : 0;
  const double saturation = with_p ? saturated / static_cast<double>(with_p) : 0;
  health.metrics = {{"n", n},
                    {"non_finite_alpha_rate", non_finite_rate},
                    {"modal_alpha_share", modal_share},
                    {"alpha_sign_skew", sign_skew},
                    {"p_up_saturation_rate", saturation}};
  if (n < 5) return health;
  auto fail = [&](const char* check, std::string reason) {
    health.passed = false;
    health.failed_check = check;
    health.reason = std::move(reason);
  };
  if (non_finite_rate > 0.20) {
    fail("non_finite_alpha",
         fmt::format("{:.0f}% of alphas are not finite (limit 20%)", 100 * non_finite_rate));
  } else if (modal_share >= 0.90) {
    fail("modal_alpha",
         fmt::format("one alpha value holds {:.0f}% of rows (limit 90%)", 100 * modal_share));
  } else if (sign_skew >= 0.97) {
    fail("sign_skew", fmt::format("{:.0f}% of alphas share one sign (limit 97%)", 100 * sign_skew));
  } else if (saturation > 0.25) {
    fail("p_up_saturation",
         fmt::format("{:.0f}% of p_up at the floor or ceiling (limit 25%)", 100 * saturation));
  }
  return health;
}

OutputHealth evaluate_output_health(const std::vector<core::Prediction>& rows) {
  std::vector<double> alpha, p_up;
  for (const auto& row : rows) {
    alpha.push_back(row.predicted_alpha);
    p_up.push_back(row.p_up.value_or(std::nan("")));
  }
  return evaluate_output_health(alpha, p_up);
}

}  // namespace ae::predictor
