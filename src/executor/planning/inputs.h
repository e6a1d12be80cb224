// The planner's store inputs:
//   - signals: signals/latest.json when it is dated on or before the run date,
//     else the newest signals/{D-k}/signals.json for k = 0..14; warnings when
//     more than 2 and more than 7 days old; nothing found is a PipelineHardFail;
//   - predictions: predictor/predictions/{D}.json, else latest.json if it is
//     dated D; nullopt when neither exists (the coverage guard then fails);
//   - parameters: load_risk_parameters, with a local cache of the last tuned
//     object that parsed (used when the store has none).
// Every document is schema-validated on read (core/contracts).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/artifact_store.h"
#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"
#include "core/home.h"
#include "core/parameters.h"

namespace ae::executor {

std::string signals_key(core::Date date);
std::string predictions_key(core::Date date);
inline constexpr const char* kLatestSignalsKey = "signals/latest.json";
inline constexpr const char* kLatestPredictionsKey = "predictor/predictions/latest.json";

struct SignalsRead {
  core::Signals signals;
  std::string key;
  int age_days = 0;
  std::vector<std::string> warnings;
};

// The newest signals dated on or before run_date: signals/latest.json, else
// the dated file of one of the max_lookback_days days before (PipelineHardFail
// when none). Signals older than cadence_days (research's cadence: weekly)
// carry a warning; younger ones are the normal state between research runs.
SignalsRead read_signals_with_fallback(const core::ArtifactStore& store, core::Date run_date,
                                       int cadence_days, int max_lookback_days = 14);

std::optional<core::Predictions> read_predictions(const core::ArtifactStore& store,
                                                  core::Date run_date);

// Risk parameters with every layer, caching the tuned object under the state
// directory and falling back to that cache when the store has none.
core::ParameterSet load_executor_parameters(const core::Home& home,
                                            const core::ArtifactStore& store);

}  // namespace ae::executor
