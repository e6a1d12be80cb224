// A thin RAII wrapper over XGBoost's C API (libxgboost 1.7): hist-tree
// regression with early stopping on a validation set, prediction on dense
// float rows, each feature's total split gain, and the model as XGBoost JSON
// bytes. Every C API failure is
// turned into core::Error carrying XGBGetLastError(); loading bytes that are
// not a model is core::InvalidInput naming the origin. A loaded model
// predicts on one thread (inference batches are small).
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace ae::predictor {

struct BoosterParams {
  std::map<std::string, std::string> xgb;  // passed to XGBoosterSetParam as is
  int max_rounds = 300;
  int early_stopping_rounds = 30;
};

struct DenseRows {
  std::span<const float> x;  // rows x columns, row-major; NaN = missing
  std::size_t columns = 0;
  std::span<const float> y;  // labels (training only)
  std::size_t rows() const { return columns ? x.size() / columns : 0; }
};

class XgbModel {
 public:
  XgbModel();
  ~XgbModel();
  XgbModel(XgbModel&&) noexcept;
  XgbModel& operator=(XgbModel&&) noexcept;
  XgbModel(const XgbModel&) = delete;
  XgbModel& operator=(const XgbModel&) = delete;

  // Boosts up to max_rounds, stopping when validation RMSE has not improved
  // for early_stopping_rounds; keeps the trees up to the best round.
  static XgbModel train(const BoosterParams& params, const DenseRows& train,
                        const DenseRows& validation);

  std::vector<float> predict(const DenseRows& rows) const;

  // Total split gain of each of `columns` features over the kept trees
  // (XGBoost's "total_gain"; 0 for a feature no split uses).
  std::vector<double> total_gain(std::size_t columns) const;

  std::string save_json() const;
  static XgbModel load_json(const std::string& bytes, const std::string& origin);

  int best_round() const { return best_round_; }
  double best_score() const { return best_score_; }

 private:
  void* handle_ = nullptr;  // BoosterHandle
  int best_round_ = 0;
  double best_score_ = 0;
};

}  // namespace ae::predictor
