#include "predictor/trainer.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "core/error.h"
#include "predictor/neutralization.h"

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

// Runs job(i) for every i of `order` on `workers` threads, taking the next
// index in `order` as each finishes; rethrows the first failure (by position
// in `order`) after every thread has stopped.
void run_concurrently(const std::vector<std::size_t>& order, unsigned workers,
                      const std::function<void(std::size_t)>& job) {
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(order.size());
  const auto work = [&] {
    for (std::size_t i = next++; i < order.size(); i = next++) {
      try {
        job(order[i]);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < workers; ++w) threads.emplace_back(work);
  work();
  for (auto& thread : threads) thread.join();
  for (const auto& error : errors)
    if (error) std::rethrow_exception(error);
}

// A fold's model: from `cache` when it holds a fit on the same input
// (`reused` is then set), else fit now (and stored in `cache`, if any).
std::shared_ptr<const XgbModel> fold_model(const BoosterParams& booster, const DenseRows& fit,
                                           const DenseRows& validation, FoldModelCache* cache,
                                           bool& reused) {
  if (!cache) return std::make_shared<const XgbModel>(XgbModel::train(booster, fit, validation));
  const auto key = FoldModelCache::key(booster, fit, validation);
  if (auto model = cache->find(key)) {
    reused = true;
    return model;
  }
  return cache->insert(key, XgbModel::train(booster, fit, validation));
}

}  // namespace

TrainOptions train_options(const core::ParameterSet& p) {
  TrainOptions o;
  o.plan.min_train_days = static_cast<int>(p.get_int("training.min_train_days"));
  o.plan.test_window_days = static_cast<int>(p.get_int("training.test_window_days"));
  o.plan.purge_days = static_cast<int>(p.get_int("training.purge_days"));
  o.plan.validation_fraction = p.get_double("training.validation_fraction");
  o.booster.max_rounds = static_cast<int>(p.get_int("training.max_rounds"));
  o.booster.early_stopping_rounds = static_cast<int>(p.get_int("training.early_stopping_rounds"));
  o.threads = static_cast<unsigned>(p.get_int("xgboost.nthread"));
  o.neutralize = p.get_string_list("neutralize");
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
  const std::size_t c = data.columns();
  const auto exposures = exposure_columns(data.feature_names, options.neutralize);
  // Fits 0..folds-1 are the folds, the last one the served model on the whole history.
  struct Fit {
    Span fit, validation, test;
    bool used = false, reused = false;
    FoldReport report;
    std::vector<std::size_t> test_rows;
    std::vector<double> predicted;
    XgbModel model;
  };
  std::vector<Fit> fits(folds.size() + 1);
  for (std::size_t k = 0; k < folds.size(); ++k) {
    fits[k].fit = folds[k].fit;
    fits[k].validation = folds[k].validation;
    fits[k].test = folds[k].test;
    fits[k].report.fold = folds[k];
  }
  split_training_span({data.day.front(), data.day.back()}, options.plan, fits.back().fit,
                      fits.back().validation);

  const unsigned workers =
      std::clamp<unsigned>(options.threads, 1, static_cast<unsigned>(fits.size()));
  auto booster = options.booster;
  booster.xgb["nthread"] = std::to_string(std::max(1u, options.threads / workers));
  std::mutex progress_mutex;
  const auto run_fit = [&](std::size_t k) {
    auto& f = fits[k];
    const bool final_model = k + 1 == fits.size();
    const auto fit = take(data, f.fit), valid = take(data, f.validation);
    if (final_model) {
      f.model = XgbModel::train(booster, dense(fit, c), dense(valid, c));
      return;
    }
    const auto test = take(data, f.test);
    if (fit.rows.size() < 100 || valid.rows.empty() || test.rows.empty()) return;
    const auto model =
        fold_model(booster, dense(fit, c), dense(valid, c), options.fold_cache, f.reused);
    const auto raw = model->predict(dense(test, c));
    f.predicted.assign(raw.begin(), raw.end());
    f.test_rows = test.rows;
    std::vector<std::int32_t> days;
    for (const std::size_t r : test.rows) days.push_back(data.day[r]);
    neutralize_by_day(days, f.predicted, test.x, c, exposures);
    f.used = true;
    f.report.fit_rows = fit.rows.size();
    f.report.validation_rows = valid.rows.size();
    f.report.test_rows = test.rows.size();
    f.report.best_round = model->best_round();
    std::vector<double> y;
    for (const std::size_t r : test.rows) y.push_back(data.y[r]);
    f.report.metrics = evaluate(days, f.predicted, y);
    if (progress) {
      const std::lock_guard lock(progress_mutex);
      progress(f.report, folds.size());
    }
  };
  // Largest fits first (the served model, then the latest folds) for balance.
  std::vector<std::size_t> order(fits.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = order.size() - 1 - i;
  run_concurrently(order, workers, run_fit);

  TrainedModel out;
  for (std::size_t k = 0; k < folds.size(); ++k) {
    const auto& f = fits[k];
    if (!f.used) continue;
    for (std::size_t i = 0; i < f.test_rows.size(); ++i) {
      const std::size_t r = f.test_rows[i];
      out.oos.day.push_back(data.day[r]);
      out.oos.ticker_of.push_back(data.ticker_of[r]);
      out.oos.prediction.push_back(f.predicted[i]);
      out.oos.label.push_back(data.y[r]);
    }
    out.folds.push_back(f.report);
    if (f.reused) ++out.reused_folds;
  }
  if (out.folds.empty())
    throw core::InvalidInput("predictor: no fold had enough rows to train (need >= 100 fit rows)");
  out.overall = evaluate(out.oos.day, out.oos.prediction, out.oos.label);
  out.calibrator = IsotonicCalibrator::fit(out.oos.prediction, out.oos.label);
  out.model = std::move(fits.back().model);
  out.final_best_round = out.model.best_round();
  return out;
}

}  // namespace ae::predictor
