// The store keys the predictor reads and writes, and the day's inputs as the
// reference resolved them:
//   signals    signals/{date}/signals.json, falling back to signals/latest.json
//              (research writes signals weekly); absent -> nullopt.
//   predictions predictor/predictions/{date}.json (the dated key, never latest).
// NotFound means "absent"; every other store error propagates (so the state
// machine's Catch sees it). Files are schema-validated on read.
#pragma once

#include <optional>
#include <string>

#include "core/artifact_store.h"
#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"
#include "core/date.h"

namespace ae::predictor {

std::string signals_key(core::Date date);
inline constexpr const char* kLatestSignalsKey = "signals/latest.json";
std::string predictions_key(core::Date date);
inline constexpr const char* kLatestPredictionsKey = "predictor/predictions/latest.json";
inline constexpr const char* kMetricsKey = "predictor/metrics/latest.json";
inline constexpr const char* kTunedParametersKey = "config/predictor_params.json";
// The latest training's fold models, reused by the next (fold_cache.h).
inline constexpr const char* kFoldModelsPrefix = "predictor/fold-models/";

// The day's signals: the dated key, else latest; nullopt if neither exists.
std::optional<core::Signals> read_day_signals(const core::ArtifactStore& store, core::Date date);

// The dated predictions; nullopt if absent.
std::optional<core::Predictions> read_day_predictions(const core::ArtifactStore& store,
                                                      core::Date date);

}  // namespace ae::predictor
