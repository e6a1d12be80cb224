#include "predictor/training_run.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/atomic_file.h"
#include "core/clock.h"
#include "core/contracts/health_writer.h"
#include "core/error.h"
#include "core/fnv.h"
#include "core/market_time.h"
#include "core/version.h"
#include "predictor/calibration_report.h"
#include "predictor/evaluation.h"
#include "predictor/predictor_metrics.h"
#include "predictor/store_keys.h"

namespace ae::predictor {
namespace {

nlohmann::json span_json(const market::TradingCalendar& calendar, Span span) {
  if (span.last < span.first) return nullptr;
  return {{"first", core::format_date(calendar.date_at(span.first))},
          {"last", core::format_date(calendar.date_at(span.last))}};
}

// Out-of-sample metrics per calendar year of the test days:
// {"2014": {ic, rank_ic, ...}, ...}.
nlohmann::json metrics_by_year(const market::TradingCalendar& calendar, const OutOfSample& oos) {
  std::map<int, std::vector<std::size_t>> rows;
  for (std::size_t i = 0; i < oos.day.size(); ++i)
    rows[static_cast<int>(std::chrono::year_month_day(calendar.date_at(oos.day[i])).year())]
        .push_back(i);
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [year, indices] : rows) {
    std::vector<std::int32_t> day;
    std::vector<double> prediction, label;
    for (const auto i : indices) {
      day.push_back(oos.day[i]);
      prediction.push_back(oos.prediction[i]);
      label.push_back(oos.label[i]);
    }
    out[std::to_string(year)] = to_json(evaluate(day, prediction, label));
  }
  return out;
}

// The final model's total split gain per feature as shares of the whole,
// largest first: [{"feature", "gain_share"}].
nlohmann::json feature_importance(const XgbModel& model, const std::vector<std::string>& names) {
  const auto gain = model.total_gain(names.size());
  double total = 0;
  for (const double g : gain) total += g;
  std::vector<std::size_t> order(names.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return gain[a] > gain[b]; });
  nlohmann::json out = nlohmann::json::array();
  for (const auto i : order)
    out.push_back({{"feature", names[i]}, {"gain_share", total > 0 ? gain[i] / total : 0.0}});
  return out;
}

}  // namespace

std::uint64_t fingerprint(const Dataset& data) {
  core::Fnv1a fnv;
  for (const auto& name : data.feature_names) fnv.add_field(name);
  for (const auto& ticker : data.tickers) fnv.add_field(ticker);
  fnv.add(data.day.data(), data.day.size() * sizeof(data.day[0]));
  fnv.add(data.ticker_of.data(), data.ticker_of.size() * sizeof(data.ticker_of[0]));
  fnv.add(data.x.data(), data.x.size() * sizeof(float));
  fnv.add(data.y.data(), data.y.size() * sizeof(float));
  return fnv.value();
}

std::optional<double> oracle_rank_ic(const market::BarStore& bars) {
  const auto path = bars.root() / "synth.json";
  if (!std::filesystem::exists(path)) return std::nullopt;
  const auto document = nlohmann::json::parse(core::read_file(path), nullptr, false);
  if (document.is_discarded()) return std::nullopt;
  const auto pointer = nlohmann::json::json_pointer("/oracle/mean_rank_ic");
  if (!document.contains(pointer) || !document[pointer].is_number()) return std::nullopt;
  return document[pointer].get<double>();
}

namespace {

void promote_if_asked(core::ArtifactStore& store, const core::Clock& clock,
                      const core::ParameterSet& parameters, const TrainingRequest& request,
                      TrainingRun& run) {
  if (!request.promote) return;
  run.promotion = promote(store, clock, run.version, parameters.get_double("promotion.min_ic"),
                          parameters.get_double("promotion.margin"), request.force_promote);
  spdlog::info("predictor: {}", run.promotion->reason);
}

TrainingRun training_steps(const market::BarStore& bars, core::ArtifactStore& store,
                           const core::Clock& clock, const core::ParameterSet& parameters,
                           const TrainingRequest& request, const FoldProgress& progress) {
  TrainingRun run;
  auto data_options = dataset_options(parameters);
  data_options.from = request.from;
  data_options.to = request.to;
  auto options = train_options(parameters);
  // Without a caller's cache, folds fit by an earlier training in this store
  // (last week's, on a shorter history) are reused from it.
  FoldModelCache stored_folds(store, kFoldModelsPrefix);
  options.fold_cache = request.fold_cache ? request.fold_cache : &stored_folds;

  const core::Stopwatch dataset_watch;
  const auto data = request.later_training_set
                        ? training_dataset_through(*request.later_training_set, bars, data_options)
                        : build_training_dataset(bars, data_options);
  run.dataset_seconds = dataset_watch.elapsed_seconds();
  run.rows = data.rows();
  spdlog::info("predictor: dataset {} rows x {} features in {:.1f}s", data.rows(), data.columns(),
               run.dataset_seconds);
  if (data.rows() == 0)
    throw core::InvalidInput(fmt::format(
        "predictor: no labelled rows to train on{}{} (a row needs its features' warm-up before it "
        "and its {}-session label after it, within the bars)",
        request.from ? " from " + core::format_date(*request.from) : "",
        request.to ? " through " + core::format_date(*request.to) : "", data_options.horizon));

  const auto& calendar = bars.calendar();
  core::Fnv1a fnv;
  const std::uint64_t data_hash = fingerprint(data);
  fnv.add(&data_hash, sizeof data_hash);
  fnv.add_field(parameters.to_json().dump());
  const std::string label = parameters.get_string("label.kind");
  const core::Date last_date = calendar.date_at(data.day.back());
  std::string compact_date = core::format_date(last_date);
  std::erase(compact_date, '-');
  run.version = fmt::format("{}-{}-{:08x}", label, compact_date, fnv.value() >> 32);

  // The version names the data and the parameters: the same training again
  // (a re-run, a redriven saturday) finds it saved and trains nothing.
  if (store.exists(model_prefix(run.version) + "metadata.json")) {
    run.metadata = load_version(store, run.version).metadata;
    spdlog::info("predictor: version {} exists (same data and parameters); nothing to train",
                 run.version);
    promote_if_asked(store, clock, parameters, request, run);
    return run;
  }

  const core::Stopwatch training_watch;
  const auto trained = train_walk_forward(data, options, progress);
  run.training_seconds = training_watch.elapsed_seconds();
  run.reused_folds = trained.reused_folds;
  if (trained.reused_folds > 0)
    spdlog::info("predictor: {} of {} folds reused from an earlier training", trained.reused_folds,
                 trained.folds.size());

  nlohmann::json folds = nlohmann::json::array();
  for (const auto& report : trained.folds) {
    folds.push_back({{"index", report.fold.index},
                     {"fit", span_json(calendar, report.fold.fit)},
                     {"validation", span_json(calendar, report.fold.validation)},
                     {"test", span_json(calendar, report.fold.test)},
                     {"fit_rows", report.fit_rows},
                     {"validation_rows", report.validation_rows},
                     {"test_rows", report.test_rows},
                     {"best_round", report.best_round},
                     {"metrics", to_json(report.metrics)}});
  }
  nlohmann::json metrics = {{"overall", to_json(trained.overall)},
                            {"folds", folds},
                            {"years", metrics_by_year(calendar, trained.oos)}};
  std::optional<double> recovered;
  if (const auto oracle = oracle_rank_ic(bars)) {
    recovered = *oracle != 0 ? trained.overall.rank_ic / *oracle : 0.0;
    metrics["oracle_rank_ic"] = *oracle;
    metrics["oracle_ic_recovered"] = *recovered;
  }
  run.metadata = {
      {"version", run.version},
      {"created_at", core::format_timestamp(clock.now())},
      {"model_type", "xgboost-hist-regression"},
      {"feature_names", data.feature_names},
      {"neutralize", options.neutralize},
      {"label", {{"kind", label}, {"horizon", data_options.horizon}, {"clip", data_options.clip}}},
      {"training",
       {{"first", core::format_date(calendar.date_at(data.day.front()))},
        {"last", core::format_date(last_date)},
        {"rows", data.rows()},
        {"tickers", data.tickers.size()},
        {"date_stride", data_options.date_stride},
        {"final_best_round", trained.final_best_round},
        {"dataset_seconds", run.dataset_seconds},
        {"training_seconds", run.training_seconds}}},
      {"metrics", metrics},
      {"feature_importance", feature_importance(trained.model, data.feature_names)},
      {"calibration", calibration_report(trained.calibrator, trained.oos.day,
                                         trained.oos.prediction, trained.oos.label)},
      {"data_fingerprint", fmt::format("{:016x}", data_hash)},
      {"git_sha", std::string(core::git_sha())},
      {"parameters", parameters.to_json()}};
  save_version(store, run.version, trained.model, trained.calibrator, run.metadata);
  if (const auto pruned = stored_folds.prune_unused())
    spdlog::info("predictor: {} stored fold models of earlier trainings removed", pruned);
  emit_training(request.metrics, trained.overall, recovered, run.training_seconds, clock.now());
  spdlog::info("predictor: saved model version {} (OOS IC {:.4f}, rank IC {:.4f})", run.version,
               trained.overall.ic, trained.overall.rank_ic);
  promote_if_asked(store, clock, parameters, request, run);
  return run;
}

}  // namespace

TrainingRun run_training(const market::BarStore& bars, core::ArtifactStore& store,
                         const core::Clock& clock, const core::ParameterSet& parameters,
                         const TrainingRequest& request, const FoldProgress& progress) {
  const core::Date run_date = request.to.value_or(core::new_york_date(clock.now()));
  try {
    auto run = training_steps(bars, store, clock, parameters, request, progress);
    nlohmann::json summary = {
        {"model_version", run.version},
        {"rows", run.rows},
        {"oos_ic", run.metadata.value("/metrics/overall/ic"_json_pointer, nlohmann::json())}};
    if (run.promotion) summary["promoted"] = run.promotion->promoted;
    core::write_health(store, "predictor_training", core::HealthStatus::kOk, run_date, clock.now(),
                       std::move(summary));
    return run;
  } catch (const std::exception& e) {
    core::write_health(store, "predictor_training", core::HealthStatus::kFailed, run_date,
                       clock.now(), nlohmann::json::object(), {}, e.what());
    throw;
  }
}

}  // namespace ae::predictor
