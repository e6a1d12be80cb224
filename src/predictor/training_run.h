// One training run end to end, callable in one line by the CLI and by the
// Saturday task adapter: build the dataset from the bar store (dataset.h),
// train walk-forward (trainer.h), and save the result as a new model version
// (model_registry.h) with its metadata - never touching the champion unless
// `promote` is set, in which case the promotion rule decides.
// The version id is "{label}-{last data date as YYYYMMDD}-{first 8 hex of the
// data+parameter fingerprint}", so retraining the same data with the same
// parameters names the same version (and is refused as a duplicate).
#pragma once

#include <optional>
#include <string>

#include "core/artifact_store.h"
#include "core/clock.h"
#include "core/metric_sink.h"
#include "core/parameters.h"
#include "market/bar_store.h"
#include "predictor/model_registry.h"
#include "predictor/trainer.h"

namespace ae::predictor {

struct TrainingRequest {
  std::optional<core::Date> from, to;
  bool promote = false;
  bool force_promote = false;
  core::MetricSink* metrics = nullptr;  // optional: training_* (predictor_metrics.h)
  // Optional: fold models of earlier trainings in this process (trainer.h);
  // the backtester's walk-forward retrainings share it.
  FoldModelCache* fold_cache = nullptr;
  // Optional: a training set built from the same bars and parameters with a
  // later (or the same) `to`; this run's set is cut from it
  // (training_dataset_through) instead of built. The backtester's
  // retrainings share the latest one.
  const Dataset* later_training_set = nullptr;
};

struct TrainingRun {
  std::string version;
  nlohmann::json metadata;
  std::optional<PromotionDecision> promotion;
  double dataset_seconds = 0, training_seconds = 0;
  std::size_t rows = 0;
  std::size_t reused_folds = 0;  // fold models taken from the fold cache (trainer.h)
};

TrainingRun run_training(const market::BarStore& bars, core::ArtifactStore& store,
                         const core::Clock& clock, const core::ParameterSet& parameters,
                         const TrainingRequest& request, const FoldProgress& progress = {});

// FNV-1a 64 over the dataset's days, tickers, features and labels.
std::uint64_t fingerprint(const Dataset& data);

// The simulated market's documented oracle rank IC (synth.json beside the
// universe: oracle.mean_rank_ic), if the bar store holds a simulated market.
std::optional<double> oracle_rank_ic(const market::BarStore& bars);

}  // namespace ae::predictor
