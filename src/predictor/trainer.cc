#include "predictor/trainer.h"

#include <fmt/format.h>

#include "core/error.h"

namespace ae::predictor {
namespace {

struct Subset {
  std::vector<float> x, y;
  std::vector<std::size_t> rows;
};

Subset take(const Dataset& data, Span span) {
  Subset s;
  const std::size_t c = data.columns();
  for (std::size_t r = 0; r < data.rows(); ++r) {
    if (!span.contains(data.day[r])) continue;
    s.rows.push_back(r);
    s.x.insert(s.x.end(), data.x.begin() + static_cast<std::ptrdiff_t>(r * c),
               data.x.begin() + static_cast<std::ptrdiff_t>((r + 1) * c));
    s.y.push_back(data.y[r]);
  }
  return s;
}

DenseRows dense(const Subset& s, std::size_t columns) { return {s.x, columns, s.y}; }

}  // namespace

TrainOptions train_options(const core::ParameterSet& p) {
  TrainOptions o;
  o.plan.min_train_days = static_cast<int>(p.get_int("training.min_train_days"));
  o.plan.test_window_days = static_cast<int>(p.get_int("training.test_window_days"));
  o.plan.purge_days = static_cast<int>(p.get_int("training.purge_days"));
  o.plan.validation_fraction = p.get_double("training.validation_fraction");
  o.booster.max_rounds = static_cast<int>(p.get_int("training.max_rounds"));
  o.booster.early_stopping_rounds = static_cast<int>(p.get_int("training.early_stopping_rounds"));
  o.booster.xgb = {
      {"booster", "gbtree"},
      {"tree_method", "hist"},
      {"objective", "reg:squarederror"},
      {"max_depth", std::to_string(p.get_int("xgboost.max_depth"))},
      {"eta", fmt::format("{}", p.get_double("xgboost.eta"))},
      {"subsample", fmt::format("{}", p.get_double("xgboost.subsample"))},
      {"colsample_bytree", fmt::format("{}", p.get_double("xgboost.colsample_bytree"))},
      {"min_child_weight", fmt::format("{}", p.get_double("xgboost.min_child_weight"))},
      {"lambda", fmt::format("{}", p.get_double("xgboost.lambda"))},
      {"max_bin", std::to_string(p.get_int("xgboost.max_bin"))},
      {"nthread", std::to_string(p.get_int("xgboost.nthread"))},
      {"seed", std::to_string(p.get_int("xgboost.seed"))},
      {"verbosity", "0"},
  };
  return o;
}

DatasetOptions dataset_options(const core::ParameterSet& p) {
  DatasetOptions o;
  o.features = p.get_string_list("features");
  o.label = parse_label_kind(p.get_string("label.kind"));
  o.horizon = static_cast<int>(p.get_int("label.horizon"));
  o.clip = p.get_double("label.clip");
  o.date_stride = static_cast<int>(p.get_int("training.date_stride"));
  o.threads = static_cast<unsigned>(p.get_int("xgboost.nthread"));
  return o;
}

TrainedModel train_walk_forward(const Dataset& data, const TrainOptions& options,
                                const FoldProgress& progress) {
  if (data.rows() == 0) throw core::InvalidInput("predictor: the training set has no rows");
  const auto folds = plan_folds(data.day.front(), data.day.back(), options.plan);
  if (folds.empty()) {
    throw core::InvalidInput(fmt::format(
        "predictor: {} trading days of labelled data is too short for one fold (need more than {})",
        data.day.back() - data.day.front() + 1, options.plan.min_train_days));
  }
  TrainedModel out;
  const std::size_t c = data.columns();
  for (const auto& fold : folds) {
    const auto fit = take(data, fold.fit), valid = take(data, fold.validation),
               test = take(data, fold.test);
    if (fit.rows.size() < 100 || valid.rows.empty() || test.rows.empty()) continue;
    auto model = XgbModel::train(options.booster, dense(fit, c), dense(valid, c));
    const auto predicted = model.predict(dense(test, c));
    FoldReport report{
        fold, fit.rows.size(), valid.rows.size(), test.rows.size(), model.best_round(), {}};
    std::vector<std::int32_t> days;
    std::vector<double> p, y;
    for (std::size_t i = 0; i < test.rows.size(); ++i) {
      const std::size_t r = test.rows[i];
      days.push_back(data.day[r]);
      p.push_back(predicted[i]);
      y.push_back(data.y[r]);
      out.oos.day.push_back(data.day[r]);
      out.oos.ticker_of.push_back(data.ticker_of[r]);
      out.oos.prediction.push_back(predicted[i]);
      out.oos.label.push_back(data.y[r]);
    }
    report.metrics = evaluate(days, p, y);
    out.folds.push_back(report);
    if (progress) progress(report, folds.size());
  }
  if (out.folds.empty())
    throw core::InvalidInput("predictor: no fold had enough rows to train (need >= 100 fit rows)");
  out.overall = evaluate(out.oos.day, out.oos.prediction, out.oos.label);
  out.calibrator = IsotonicCalibrator::fit(out.oos.prediction, out.oos.label);

  Span fit_span, valid_span;
  split_training_span({data.day.front(), data.day.back()}, options.plan, fit_span, valid_span);
  const auto fit = take(data, fit_span), valid = take(data, valid_span);
  out.model = XgbModel::train(options.booster, dense(fit, c), dense(valid, c));
  out.final_best_round = out.model.best_round();
  return out;
}

}  // namespace ae::predictor
