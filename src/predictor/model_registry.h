// Model versions and promotion. A trained model is saved as a version under
// predictor/models/{version}/:
//   model.json        the XGBoost model (its own JSON format)
//   calibrator.json   the isotonic calibrator
//   metadata.json     feature names in order, label, training windows, fold
//                     and overall metrics, data fingerprint, git sha, params
// Saving never touches the live model. The champion (the served version) is
// predictor/models/champion.json: {"version", "promoted_at", "history": [..]}
// where history lists earlier champions, newest last, for rollback.
// Promotion rule: the candidate's out-of-sample IC must exceed
// promotion.min_ic and beat the champion's by promotion.margin (a first
// champion only needs the former); --force skips the rule.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/artifact_store.h"
#include "core/clock.h"
#include "predictor/calibration.h"
#include "predictor/xgb_model.h"

namespace ae::predictor {

inline constexpr const char* kChampionKey = "predictor/models/champion.json";

std::string model_prefix(const std::string& version);

struct LoadedModel {
  std::string version;
  XgbModel model;
  IsotonicCalibrator calibrator;
  nlohmann::json metadata;
  std::vector<std::string> feature_names() const;
  // Features whose exposure is removed from each day's scores (empty for a
  // model trained without, and for versions saved before the setting).
  std::vector<std::string> neutralize() const;
};

// Writes the three objects; throws InvalidInput if the version already exists.
void save_version(core::ArtifactStore& store, const std::string& version, const XgbModel& model,
                  const IsotonicCalibrator& calibrator, const nlohmann::json& metadata);

// Throws NotFound for an unknown version, InvalidInput naming the key for a
// corrupt model, calibrator or metadata object.
LoadedModel load_version(const core::ArtifactStore& store, const std::string& version);

// Every saved version's metadata, oldest first (by creation time, then id).
std::vector<nlohmann::json> list_versions(const core::ArtifactStore& store);

std::optional<std::string> champion_version(const core::ArtifactStore& store);

// The champion; NotFound ("no champion model; run ae train --promote") if none.
LoadedModel load_champion(const core::ArtifactStore& store);

// Promoting a version: promoted, or refused by the rule (the out-of-sample IC
// is not above min_ic, or does not beat the champion's by margin), or neither
// when the version already is the champion. `reason` says which, in one line.
struct PromotionDecision {
  bool promoted = false;
  bool refused = false;
  std::string reason;
};

PromotionDecision promote(core::ArtifactStore& store, const core::Clock& clock,
                          const std::string& version, double min_ic, double margin,
                          bool force = false);

// Restores the previous champion; returns it. InvalidInput if there is none.
std::string rollback(core::ArtifactStore& store, const core::Clock& clock);

// The out-of-sample IC recorded in a version's metadata (metrics.overall.ic).
double oos_ic(const nlohmann::json& metadata);

}  // namespace ae::predictor
