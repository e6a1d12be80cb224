// Walk-forward windows over trading-day indices, purged between training
// and test. Fold k tests days [first + min_train + k*test_window, +test_window)
// (the last fold may be shorter). Its training span ends `purge` days before
// the test window starts, so no training label window (t .. t+horizon)
// reaches into the test window when purge >= horizon. Early stopping uses a
// validation slice: the last validation_fraction of the training span, again
// separated from the rows fitted by `purge` days. Nothing of the test window
// is used to fit or to stop.
#pragma once

#include <cstdint>
#include <vector>

namespace ae::predictor {

struct WalkForwardPlan {
  int min_train_days = 504;
  int test_window_days = 126;
  int purge_days = 21;
  double validation_fraction = 0.15;
};

struct Span {
  std::int32_t first = 0, last = -1;  // inclusive; empty when last < first
  bool contains(std::int32_t day) const { return day >= first && day <= last; }
};

struct Fold {
  int index = 0;
  Span fit, validation, test;
};

// Folds over days [first_day, last_day] (last_day = the last day with a label).
std::vector<Fold> plan_folds(std::int32_t first_day, std::int32_t last_day,
                             const WalkForwardPlan& plan);

// Fit and validation spans for a training span (used by every fold and by the
// final model, whose training span is the whole history).
void split_training_span(Span training, const WalkForwardPlan& plan, Span& fit, Span& validation);

}  // namespace ae::predictor
