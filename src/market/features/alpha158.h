// Qlib's Alpha158 as a second feature set: 9 KBAR + 4 PRICE features and 29
// rolling families x windows {5, 10, 20, 30, 60} = 158 columns, named as Qlib
// names them (KMID, ..., ROC5, ..., VSUMD60), formulas as in
// qlib/contrib/data/loader.py (docs/features.md). One deliberate difference:
// Qlib's operators use min_periods=1; here a rolling value needs its full
// window (NaN before), per the house rule that warm-up is NaN.
#pragma once

#include <string>
#include <vector>

#include "market/features/feature_matrix.h"

namespace ae::market::features {

const std::vector<std::string>& alpha158_feature_names();

FeatureMatrix compute_alpha158_features(const TickerInput& input);

}  // namespace ae::market::features
