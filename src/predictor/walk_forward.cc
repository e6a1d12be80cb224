#include "predictor/walk_forward.h"

#include <algorithm>
#include <cmath>

namespace ae::predictor {

void split_training_span(Span training, const WalkForwardPlan& plan, Span& fit, Span& validation) {
  const std::int32_t length = training.last - training.first + 1;
  const auto valid_days = std::max<std::int32_t>(
      1, static_cast<std::int32_t>(std::lround(plan.validation_fraction * length)));
  validation = {training.last - valid_days + 1, training.last};
  fit = {training.first, validation.first - plan.purge_days - 1};
}

std::vector<Fold> plan_folds(std::int32_t first_day, std::int32_t last_day,
                             const WalkForwardPlan& plan) {
  std::vector<Fold> folds;
  for (int k = 0;; ++k) {
    const std::int32_t test_first = first_day + plan.min_train_days + k * plan.test_window_days;
    if (test_first > last_day) break;
    Fold fold;
    fold.index = k;
    fold.test = {test_first, std::min(last_day, test_first + plan.test_window_days - 1)};
    split_training_span({first_day, test_first - plan.purge_days - 1}, plan, fold.fit,
                        fold.validation);
    folds.push_back(fold);
  }
  return folds;
}

}  // namespace ae::predictor
