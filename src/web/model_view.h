// The model page, from the predictor's model registry in the store: the
// champion (live) version's walk-forward fold metrics (IC, rank IC, hit
// rate), its calibration curve (reliability bins of the holdout, SVG with the
// perfect-calibration diagonal), the promotion history (champion.json), every
// saved version with its out-of-sample IC, and the latest inference metrics
// (predictor/metrics/latest.json). No champion yet -> "champion": null.
#pragma once

#include "web/home_reader.h"

namespace ae::web {

Json model(const HomeReader& home);

}  // namespace ae::web
