// Fold models already fit (in this process, or stored by an earlier one), for
// walk-forward trainings on growing histories (the backtester retrains every
// retrain_every_days sessions, the saturday pipeline every week): a later
// training's folds are the earlier one's, on the same rows, plus one, so only
// the new fold and the served model need fitting.
//   - The key is the SHA-256 of the fit rows, their labels, the validation
//     rows and their labels (as float bytes, with their counts) and the
//     booster parameters: a hit is a fit on exactly the same input, and an
//     XGBoost fit is deterministic for its input (single-threaded, seeded),
//     so the cached model is the one a new fit would give. Anything that
//     differs in one bit is a miss.
//   - Safe to use from concurrent fits; models are kept for the cache's life.
//   - Optionally backed by an artifact store, so that a training in a later
//     process (next week's, on a history one week longer) reuses the folds an
//     earlier one fit: a miss in memory is looked up in the store (a missing
//     or unreadable entry is a miss, logged), and every model fit is written
//     there too (atomically, as every artifact). prune_unused() then removes
//     the stored models this cache did not use, so the store holds one
//     training's folds, not every training's. A cache may also only read a
//     store (the backtester's workspaces read the home's folds, but the live
//     store is not theirs to write): it then never writes or prunes there.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "core/artifact_store.h"
#include "predictor/xgb_model.h"

namespace ae::predictor {

class FoldModelCache {
 public:
  FoldModelCache() = default;  // in memory only
  // Backed by `store` under `prefix` ("predictor/fold-models/"); the store
  // must outlive the cache.
  FoldModelCache(core::ArtifactStore& store, std::string prefix);
  // Misses looked up in `store` under `prefix`, which is never written.
  struct ReadOnly {};
  FoldModelCache(const core::ArtifactStore& store, std::string prefix, ReadOnly);

  // The cache key of a fit on `train` with early stopping on `validation`.
  static std::string key(const BoosterParams& params, const DenseRows& train,
                         const DenseRows& validation);

  // The model stored under `key`, or null.
  std::shared_ptr<const XgbModel> find(const std::string& key) const;
  // Stores `model` under `key` (the first one stored wins) and returns it.
  std::shared_ptr<const XgbModel> insert(const std::string& key, XgbModel model);

  // The backing store's models that this cache neither found nor inserted,
  // removed; returns how many (0 without a store).
  std::size_t prune_unused();

 private:
  struct Backing {
    const core::ArtifactStore* reader;
    core::ArtifactStore* writer;  // null: read only
    std::string prefix;
  };
  std::string stored_key(const std::string& key) const;

  mutable std::mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const XgbModel>> models_;
  std::optional<Backing> backing_;
  mutable std::set<std::string> used_;  // stored keys found or inserted
};

}  // namespace ae::predictor
