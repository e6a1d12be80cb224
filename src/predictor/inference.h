// A predict run, callable in one line by the CLI and by the weekday task
// adapter.
//   - date is the trading day the predictions serve; features come from the
//     latest session closed by the clock's now: `date` itself after its
//     close, the session before in its morning (InvalidInput further ahead);
//   - SPY must have its bar on that feature date, else PipelineAbort:
//     nothing written;
//   - watchlist: supplemental tickers if given (upper-cased); otherwise the
//     population (signals' `population`, else population/latest.json, else
//     the signals universe) united with ALL buy candidates of the day's
//     signals; with no signals and no population, every universe member;
//   - features come from the feature date itself, rank-normalised across the
//     whole universe on that date plus the watchlist: a watchlist ticker
//     unknown to the bar store is NotFound, one without a bar then is InvalidInput
//     (a stale row is an error, not a fallback) - nothing written either way;
//   - health/predictor_inference.json records every published run's
//     outcome, ok or failed (PredictRequest::publish); a request refused before it runs (a date
//     that is not a trading day or too far ahead, a supplemental ticker the store does not hold:
//     the caller's errors, e.g. an operator's typo) records nothing;
//   - per ticker: alpha = champion model output clipped to +-label.clip,
//     p_up from the calibrator, direction = sign(alpha), confidence,
//     momentum_veto from raw momentum_20d; ranking, gbm_veto, merge, the
//     write-time guard and the health gate are prediction_writer.h's.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/artifact_store.h"
#include "core/clock.h"
#include "core/metric_sink.h"
#include "core/parameters.h"
#include "market/bar_store.h"
#include "predictor/dataset.h"
#include "predictor/model_registry.h"
#include "predictor/prediction_writer.h"

namespace ae::predictor {

struct PredictRequest {
  core::Date date;
  std::vector<std::string> tickers;     // non-empty = supplemental mode
  core::MetricSink* metrics = nullptr;  // optional: predictor_metrics.h
  // Upper-cased tickers left unscored (a halted name, or a drill): they get
  // no row, so a buy candidate among them trips the write-time guard.
  std::set<std::string> excluded = {};
  // Precomputed features (the backtester's replay): when set, the day's
  // cross-section comes from here instead of being computed, and the
  // universe is the one it read (the store's, unchanged since); its
  // features must be the model's.
  const CrossSectionSource* cross_sections = nullptr;
  // The store's champion already loaded (the backtester's replay loads each
  // version once and keeps it current); null: loaded from the store.
  const LoadedModel* champion = nullptr;
  // false: the dated predictions file only - no latest.json, no
  // metrics/latest.json, no health record - for a caller that predicts many
  // days at once and out of order (the backtester's workspace), where no
  // day is the latest.
  bool publish = true;
};

struct PredictResult {
  WriteResult written;
  std::string model_version;
  std::size_t cross_section_size = 0;
  double feature_seconds = 0, scoring_seconds = 0;
  double seconds = 0;  // the whole run: model and data load, scoring, write
};

PredictResult predict(const market::BarStore& bars, core::ArtifactStore& store,
                      const core::Clock& clock, const core::ParameterSet& parameters,
                      const PredictRequest& request);

// Scores the rows of `cross` named by `tickers` with `model` (no I/O): the
// timed core of inference. Rows are returned in `tickers` order.
std::vector<core::Prediction> score_rows(const LoadedModel& model, const CrossSection& cross,
                                         const std::vector<std::string>& tickers, double alpha_clip,
                                         double momentum_threshold);

}  // namespace ae::predictor
