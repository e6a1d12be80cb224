#include "predictor/veto.h"

#include <algorithm>
#include <cmath>

namespace ae::predictor {

double veto_threshold(double base, std::optional<core::MarketRegime> regime,
                      bool regime_adjustment) {
  double adjustment = 0;
  if (regime_adjustment && regime) {
    switch (*regime) {
      case core::MarketRegime::kBull:
        adjustment = 0.10;
        break;
      case core::MarketRegime::kBear:
        adjustment = -0.20;
        break;
      case core::MarketRegime::kNeutral:
        adjustment = 0;
        break;
    }
  }
  // Rounded so that 0.20 + 0.10 is 0.30, not 0.30000000000000004.
  return std::round(std::clamp(base + adjustment, 0.0, 0.80) * 1e6) / 1e6;
}

bool momentum_veto(std::optional<double> momentum_20d, double threshold) {
  return momentum_20d && std::isfinite(*momentum_20d) && *momentum_20d < threshold;
}

void rank_and_veto(std::vector<core::Prediction>& rows, double threshold) {
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.predicted_alpha > b.predicted_alpha;
  });
  const double half = static_cast<double>(rows.size()) / 2.0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto& row = rows[i];
    row.combined_rank = static_cast<int>(i + 1);
    row.gbm_veto = row.predicted_alpha < 0 && row.combined_rank > half &&
                   row.prediction_confidence >= threshold;
  }
}

int count_high_confidence(const std::vector<core::Prediction>& rows, double threshold) {
  return static_cast<int>(std::count_if(rows.begin(), rows.end(), [&](const auto& row) {
    return row.prediction_confidence >= threshold;
  }));
}

}  // namespace ae::predictor
