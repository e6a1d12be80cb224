// Fold models already fit in this process, for walk-forward trainings run one
// after another on growing histories (the backtester retrains every
// retrain_every_days sessions): a later training's folds are the earlier
// one's, on the same rows, plus one, so only the new fold and the served
// model need fitting.
//   - The key is the SHA-256 of the fit rows, their labels, the validation
//     rows and their labels (as float bytes, with their counts) and the
//     booster parameters: a hit is a fit on exactly the same input, and an
//     XGBoost fit is deterministic for its input (single-threaded, seeded),
//     so the cached model is the one a new fit would give. Anything that
//     differs in one bit is a miss.
//   - Safe to use from concurrent fits; models are kept for the cache's life.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "predictor/xgb_model.h"

namespace ae::predictor {

class FoldModelCache {
 public:
  // The cache key of a fit on `train` with early stopping on `validation`.
  static std::string key(const BoosterParams& params, const DenseRows& train,
                         const DenseRows& validation);

  // The model stored under `key`, or null.
  std::shared_ptr<const XgbModel> find(const std::string& key) const;
  // Stores `model` under `key` (the first one stored wins) and returns it.
  std::shared_ptr<const XgbModel> insert(const std::string& key, XgbModel model);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const XgbModel>> models_;
};

}  // namespace ae::predictor
