// The check_coverage action (result: the `coverage_result` contract): compares the day's
// buy candidates (signals/{date}/signals.json, else signals/latest.json) with
// the tickers of predictor/predictions/{date}.json using the one shared
// definition, core::compute_coverage. No signals -> no gap; no predictions ->
// every buy candidate is missing. A store error other than NotFound, or a
// file that breaks its contract, propagates to the caller.
#pragma once

#include "core/artifact_store.h"
#include "core/contracts/coverage.h"
#include "core/date.h"

namespace ae::predictor {

core::CoverageResult check_coverage(const core::ArtifactStore& store, core::Date date);

}  // namespace ae::predictor
