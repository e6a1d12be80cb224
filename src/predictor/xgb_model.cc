#include "predictor/xgb_model.h"

#include <xgboost/c_api.h>

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.h"

namespace ae::predictor {
namespace {

void check(int status, const char* what) {
  if (status != 0)
    throw core::Error(std::string("xgboost: ") + what + " failed: " + XGBGetLastError());
}

class Matrix {
 public:
  explicit Matrix(const DenseRows& rows) {
    check(XGDMatrixCreateFromMat(rows.x.data(), rows.rows(), rows.columns,
                                 std::numeric_limits<float>::quiet_NaN(), &handle_),
          "XGDMatrixCreateFromMat");
    if (rows.y.empty()) return;
    try {
      check(XGDMatrixSetFloatInfo(handle_, "label", rows.y.data(), rows.rows()),
            "XGDMatrixSetFloatInfo");
    } catch (...) {
      XGDMatrixFree(handle_);  // no destructor runs for a constructor that throws
      throw;
    }
  }
  ~Matrix() { XGDMatrixFree(handle_); }
  Matrix(const Matrix&) = delete;
  Matrix& operator=(const Matrix&) = delete;
  DMatrixHandle get() const { return handle_; }

 private:
  DMatrixHandle handle_ = nullptr;
};

// "[3]\tvalidation-rmse:0.0123" -> 0.0123
double parse_metric(const char* text) {
  const std::string s(text);
  const auto colon = s.rfind(':');
  if (colon == std::string::npos) throw core::Error("xgboost: unexpected eval output: " + s);
  return std::stod(s.substr(colon + 1));
}

}  // namespace

XgbModel::XgbModel() = default;
XgbModel::~XgbModel() {
  if (handle_) XGBoosterFree(handle_);
}
XgbModel::XgbModel(XgbModel&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)),
      best_round_(other.best_round_),
      best_score_(other.best_score_) {}
XgbModel& XgbModel::operator=(XgbModel&& other) noexcept {
  if (this != &other) {
    if (handle_) XGBoosterFree(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
    best_round_ = other.best_round_;
    best_score_ = other.best_score_;
  }
  return *this;
}

XgbModel XgbModel::train(const BoosterParams& params, const DenseRows& train,
                         const DenseRows& validation) {
  if (train.rows() == 0 || validation.rows() == 0)
    throw core::InvalidInput("xgboost: training needs non-empty train and validation sets");
  const Matrix dtrain(train), dvalid(validation);
  DMatrixHandle cache[] = {dtrain.get(), dvalid.get()};
  BoosterHandle booster = nullptr;
  check(XGBoosterCreate(cache, 2, &booster), "XGBoosterCreate");
  XgbModel full;
  full.handle_ = booster;
  for (const auto& [key, value] : params.xgb)
    check(XGBoosterSetParam(booster, key.c_str(), value.c_str()), "XGBoosterSetParam");
  check(XGBoosterSetParam(booster, "eval_metric", "rmse"), "XGBoosterSetParam");

  DMatrixHandle evals[] = {dvalid.get()};
  const char* names[] = {"validation"};
  double best = std::numeric_limits<double>::infinity();
  int best_round = 0;
  for (int round = 0; round < params.max_rounds; ++round) {
    check(XGBoosterUpdateOneIter(booster, round, dtrain.get()), "XGBoosterUpdateOneIter");
    const char* out = nullptr;
    check(XGBoosterEvalOneIter(booster, round, evals, names, 1, &out), "XGBoosterEvalOneIter");
    const double score = parse_metric(out);
    if (score < best) {
      best = score;
      best_round = round;
    } else if (round - best_round >= params.early_stopping_rounds) {
      break;
    }
  }
  BoosterHandle sliced = nullptr;
  check(XGBoosterSlice(booster, 0, best_round + 1, 1, &sliced), "XGBoosterSlice");
  XgbModel model;
  model.handle_ = sliced;
  model.best_round_ = best_round;
  model.best_score_ = best;
  return model;
}

std::vector<float> XgbModel::predict(const DenseRows& rows) const {
  if (rows.rows() == 0) return {};
  const Matrix matrix(rows);
  const char* config =
      R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false})";
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* result = nullptr;
  check(XGBoosterPredictFromDMatrix(handle_, matrix.get(), config, &shape, &dim, &result),
        "XGBoosterPredictFromDMatrix");
  return std::vector<float>(result, result + rows.rows());
}

std::vector<double> XgbModel::total_gain(std::size_t columns) const {
  bst_ulong n_features = 0, dimensions = 0;
  const char** names = nullptr;
  const bst_ulong* shape = nullptr;
  const float* scores = nullptr;
  check(XGBoosterFeatureScore(handle_, R"({"importance_type": "total_gain"})", &n_features, &names,
                              &dimensions, &shape, &scores),
        "XGBoosterFeatureScore");
  // Unnamed features are reported as "f<column>", used ones only.
  std::vector<double> gain(columns, 0.0);
  for (bst_ulong i = 0; i < n_features; ++i) {
    const std::string_view name = names[i];
    if (name.size() < 2 || name.front() != 'f') continue;
    const auto column = std::stoul(std::string(name.substr(1)));
    if (column < columns) gain[column] = scores[i];
  }
  return gain;
}

std::string XgbModel::save_json() const {
  bst_ulong length = 0;
  const char* bytes = nullptr;
  check(XGBoosterSaveModelToBuffer(handle_, R"({"format": "json"})", &length, &bytes),
        "XGBoosterSaveModelToBuffer");
  return std::string(bytes, length);
}

XgbModel XgbModel::load_json(const std::string& bytes, const std::string& origin) {
  XgbModel model;
  check(XGBoosterCreate(nullptr, 0, &model.handle_), "XGBoosterCreate");
  if (XGBoosterLoadModelFromBuffer(model.handle_, bytes.data(), bytes.size()) != 0)
    throw core::InvalidInput(origin + ": not a loadable XGBoost model: " + XGBGetLastError());
  // Scoring a day's few hundred rows is faster on one thread than with
  // OpenMP's spin-waiting workers.
  check(XGBoosterSetParam(model.handle_, "nthread", "1"), "XGBoosterSetParam");
  int rounds = 0;
  check(XGBoosterBoostedRounds(model.handle_, &rounds), "XGBoosterBoostedRounds");
  model.best_round_ = rounds - 1;
  return model;
}

}  // namespace ae::predictor
