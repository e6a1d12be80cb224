#include "predictor/parameters.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "core/embedded_files.h"
#include "predictor/store_keys.h"

namespace ae::predictor {
namespace {

using core::ParameterSpec;
using core::ParameterType;

ParameterSpec number(std::string key, double value, double lo, double hi, std::string what,
                     std::string alias = "") {
  return {std::move(key), ParameterType::kDouble, value, lo, hi, std::move(what), std::move(alias)};
}

ParameterSpec integer(std::string key, std::int64_t value, double lo, double hi, std::string what) {
  return {std::move(key), ParameterType::kInt, value, lo, hi, std::move(what), ""};
}

ParameterSpec flag(std::string key, bool value, std::string what) {
  return {std::move(key), ParameterType::kBool, value, 0, 0, std::move(what), ""};
}

}  // namespace

core::ParameterSet predictor_parameters() {
  return core::ParameterSet(
      "predictor",
      {
          {"features", ParameterType::kStringList,
           std::vector<std::string>{"momentum_5d", "momentum_20d", "momentum_60d", "momentum_252d",
                                    "price_vs_ma50", "price_vs_ma200", "rsi_14", "realized_vol_20d",
                                    "realized_vol_60d", "vol_ratio_10_60", "atr_14_pct",
                                    "dist_from_52w_high", "dist_from_52w_low", "volume_ratio_20",
                                    "beta_60d", "rel_return_sector_20d"},
           0, 0, "Reference feature columns fed to the model, in order", ""},
          {"label.kind", ParameterType::kString, std::string("vol_cohort"), 0, 0,
           "vol_cohort (alpha vs the realised-vol decile) or spy (alpha vs SPY)", ""},
          integer("label.horizon", 21, 5, 63, "Forward horizon of the label in trading days"),
          number("label.clip", 0.25, 0.05, 1.0, "Labels and predicted alpha are clipped to +-this"),
          integer("training.date_stride", 5, 1, 21, "Train on every n-th trading day"),
          integer("training.min_train_days", 504, 126, 5000, "Trading days before the first fold"),
          integer("training.test_window_days", 126, 21, 1000, "Trading days per test fold"),
          integer("training.purge_days", 21, 0, 126, "Gap between train and test (>= horizon)"),
          number("training.validation_fraction", 0.15, 0.05, 0.5,
                 "Tail of the training span used for early stopping"),
          integer("training.max_rounds", 300, 10, 5000, "Boosting rounds at most"),
          integer("training.early_stopping_rounds", 30, 5, 500, "Rounds without improvement"),
          integer("xgboost.max_depth", 5, 1, 12, "Tree depth"),
          number("xgboost.eta", 0.05, 0.001, 1.0, "Learning rate"),
          number("xgboost.subsample", 0.8, 0.1, 1.0, "Row subsample per tree"),
          number("xgboost.colsample_bytree", 0.8, 0.1, 1.0, "Column subsample per tree"),
          number("xgboost.min_child_weight", 50, 0, 100000, "Minimum hessian per leaf"),
          number("xgboost.lambda", 1.0, 0, 1000, "L2 regularisation"),
          integer("xgboost.max_bin", 64, 16, 1024, "Histogram bins"),
          integer("xgboost.nthread", 2, 1, 64, "Threads"),
          integer("xgboost.seed", 42, 0, 1e9, "Random seed"),
          number("promotion.min_ic", 0.0, -1, 1, "A candidate's OOS IC must exceed this"),
          number("promotion.margin", 0.005, 0, 1, "...and beat the champion's by this much"),
          number("veto.confidence", 0.20, 0, 1, "Base confidence threshold of the GBM veto",
                 "veto_confidence"),
          flag("veto.regime_adjustment", true,
               "Shift the threshold by market regime (bull +0.10, bear -0.20)"),
          number("veto.momentum_threshold", -0.05, -0.5, 0,
                 "momentum_20d below this sets momentum_veto", "momentum_veto_threshold"),
          flag("output_gate.blocking", false, "An unhealthy batch blocks the write"),
      },
      {"updated_at", "n_decisions", "precision", "lift", "manual_override"});
}

core::ParameterSet load_predictor_parameters(const std::filesystem::path& user_file,
                                             const core::ArtifactStore& store) {
  auto parameters = predictor_parameters();
  parameters.apply_yaml_text(
      std::string(core::find_embedded(core::shipped_config::embedded_files(), "predictor.yaml")),
      "config/predictor.yaml");
  if (!user_file.empty() && std::filesystem::exists(user_file))
    parameters.apply_yaml_file(user_file);
  if (auto tuned = store.try_get(kTunedParametersKey)) {
    const auto document = nlohmann::json::parse(*tuned, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) {
      spdlog::warn("predictor: {} is not valid JSON; tuned parameters ignored",
                   kTunedParametersKey);
    } else {
      parameters.apply_tuned(document, std::string("store:") + kTunedParametersKey);
    }
  }
  return parameters;
}

}  // namespace ae::predictor
