// The last step of a predict run: turn freshly scored rows into the day's
// predictions file and publish it.
//   1. Supplemental mode: read the existing dated file (absent -> empty) and
//      union by upper-cased ticker, the new row winning on collision.
//   2. Re-rank the (merged) set by alpha and recompute every veto over it.
//   3. Write-time guard: every buy candidate of the day's signals (dated,
//      else latest) must have a row, else PipelineHardFail naming the missing
//      tickers - and nothing is written.
//   4. Output health gate: recorded always (in the file and, with a sink, as
//      metrics - predictor_metrics.h); PipelineHardFail when it fails and
//      blocking is on - nothing written.
//   5. Write predictor/predictions/{date}.json, then latest.json (each one
//      atomic put, schema-validated), then predictor/metrics/latest.json;
//      then the batch metrics go to the sink. A writer that does not publish
//      (WriteRequest::publish) writes the dated file only.
// Everything the writer needs arrives in WriteRequest, so it is testable
// without a model.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/artifact_store.h"
#include "core/clock.h"
#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"
#include "core/date.h"
#include "core/metric_sink.h"
#include "predictor/output_gate.h"

namespace ae::predictor {

struct WriteRequest {
  core::Date date;
  std::string model_version;
  std::vector<core::Prediction> rows;  // scored now, any order
  // The day's signals as read_day_signals(store, date) gave them, when the
  // caller has just read them (predict has); null: the writer reads them.
  const std::optional<core::Signals>* signals = nullptr;
  bool supplemental = false;
  // false: only the dated file, no latest.json or metrics/latest.json, for a
  // caller that predicts many days at once and out of order (a backtest's
  // workspace), where no day is the latest.
  bool publish = true;
  double base_veto_threshold = 0.20;
  bool regime_adjustment = true;
  bool gate_blocking = false;
  nlohmann::json model_metrics = nlohmann::json::object();  // copied into metrics/latest.json
  nlohmann::json timing = nlohmann::json::object();         // copied into metrics/latest.json
  core::MetricSink* metrics = nullptr;                      // optional
};

struct WriteResult {
  core::Predictions predictions;
  std::string bytes;  // the predictions file as written
  OutputHealth health;
  double veto_threshold = 0;
  std::size_t merged_from_existing = 0;
};

WriteResult write_predictions(core::ArtifactStore& store, const core::Clock& clock,
                              WriteRequest request);

// Upper-cases tickers; rows of `fresh` replace rows of `existing` with the
// same ticker. Order: existing rows not replaced, then fresh rows.
std::vector<core::Prediction> merge_predictions(std::vector<core::Prediction> existing,
                                                std::vector<core::Prediction> fresh);

}  // namespace ae::predictor
