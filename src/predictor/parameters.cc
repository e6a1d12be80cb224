#include "predictor/parameters.h"

#include "predictor/store_keys.h"

namespace ae::predictor {
using core::ParameterType;

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
           0, 0,
           "Feature columns fed to the model, in order: reference names (momentum_20d, ...) "
           "or Alpha158 names (KMID, ROC5, ...)",
           ""},
          {"neutralize", ParameterType::kStringList, std::vector<std::string>{}, 0, 0,
           "Model features whose exposure is removed from each day's scores (the residual of "
           "a cross-sectional least-squares fit); each must be one of features",
           ""},
          {"label.kind", ParameterType::kString, std::string("sector"), 0, 0,
           "vol_cohort (alpha vs the realised-vol decile), spy (alpha vs SPY) or sector "
           "(alpha vs the GICS sector's mean)",
           ""},
          core::integer_parameter("label.horizon", 21, 5, 63,
                                  "Forward horizon of the label in trading days"),
          core::number_parameter("label.clip", 0.25, 0.05, 1.0,
                                 "Labels and predicted alpha are clipped to +-this"),
          core::integer_parameter("training.date_stride", 5, 1, 21,
                                  "Train on every n-th trading day"),
          core::integer_parameter("training.min_train_days", 504, 126, 5000,
                                  "Trading days before the first fold"),
          core::integer_parameter("training.test_window_days", 126, 21, 1000,
                                  "Trading days per test fold"),
          core::integer_parameter("training.purge_days", 21, 0, 126,
                                  "Gap between train and test (>= horizon)"),
          core::number_parameter("training.validation_fraction", 0.15, 0.05, 0.5,
                                 "Tail of the training span used for early stopping"),
          core::integer_parameter("training.max_rounds", 150, 10, 5000, "Boosting rounds at most"),
          core::integer_parameter("training.early_stopping_rounds", 20, 5, 500,
                                  "Rounds without improvement"),
          core::integer_parameter("xgboost.max_depth", 5, 1, 12, "Tree depth"),
          core::number_parameter("xgboost.eta", 0.1, 0.001, 1.0, "Learning rate"),
          core::number_parameter("xgboost.subsample", 0.8, 0.1, 1.0, "Row subsample per tree"),
          core::number_parameter("xgboost.colsample_bytree", 0.8, 0.1, 1.0,
                                 "Column subsample per tree"),
          core::number_parameter("xgboost.min_child_weight", 50, 0, 100000,
                                 "Minimum hessian per leaf"),
          core::number_parameter("xgboost.lambda", 1.0, 0, 1000, "L2 regularisation"),
          core::integer_parameter("xgboost.max_bin", 64, 16, 1024, "Histogram bins"),
          core::integer_parameter("xgboost.nthread", 2, 1, 64,
                                  "Threads: concurrent single-threaded fits (training)"),
          core::integer_parameter("xgboost.seed", 42, 0, 1e9, "Random seed"),
          core::number_parameter("promotion.min_ic", 0.0, -1, 1,
                                 "A candidate's OOS IC must exceed this"),
          core::number_parameter("promotion.margin", 0.005, 0, 1,
                                 "...and beat the champion's by this much"),
          core::number_parameter("veto.confidence", 0.20, 0, 1,
                                 "Base confidence threshold of the GBM veto", "veto_confidence"),
          core::flag_parameter("veto.regime_adjustment", true,
                               "Shift the threshold by market regime (bull +0.10, bear -0.20)"),
          core::number_parameter("veto.momentum_threshold", -0.05, -0.5, 0,
                                 "momentum_20d below this sets momentum_veto",
                                 "momentum_veto_threshold"),
          core::flag_parameter("inference.score_universe", true,
                               "Score every universe member each day, not only the research "
                               "population and the buy candidates (the benchmark-relative "
                               "construction picks from all of them)"),
          core::flag_parameter("output_gate.blocking", false,
                               "An unhealthy batch blocks the write"),
      },
      {"updated_at", "n_decisions", "precision", "lift", "manual_override"});
}

core::ParameterSet load_predictor_parameters(const std::filesystem::path& user_file,
                                             const core::ArtifactStore& store,
                                             std::string_view profile) {
  auto parameters = predictor_parameters();
  core::apply_standard_layers(parameters, "predictor.yaml", profile, user_file, store,
                              kTunedParametersKey);
  return parameters;
}

}  // namespace ae::predictor
