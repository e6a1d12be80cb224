#include "predictor/coverage_check.h"

#include "predictor/store_keys.h"

namespace ae::predictor {

core::CoverageResult check_coverage(const core::ArtifactStore& store, core::Date date) {
  return core::compute_coverage(date, read_day_signals(store, date),
                                read_day_predictions(store, date));
}

}  // namespace ae::predictor
