#include "backtest/decision_history.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <future>
#include <optional>
#include <thread>
#include <utility>

#include "core/artifact_store.h"
#include "core/clock.h"
#include "core/contracts/contract.h"
#include "core/contracts/validated_digests.h"
#include "core/digest.h"
#include "core/error.h"
#include "core/home.h"
#include "core/market_time.h"
#include "core/sqlite.h"
#include "predictor/fold_cache.h"
#include "predictor/inference.h"
#include "predictor/model_registry.h"
#include "predictor/store_keys.h"
#include "predictor/training_run.h"
#include "research/pipeline.h"

namespace ae::backtest {
namespace {

// Monday of the week of `date`.
std::chrono::sys_days week_of(core::Date date) {
  const std::chrono::sys_days day(date);
  const std::chrono::weekday weekday(day);
  return day - std::chrono::days((weekday.c_encoding() + 6) % 7);
}

std::string error_name(const std::exception& error) {
  if (dynamic_cast<const core::NotFound*>(&error)) return "NotFound";
  if (dynamic_cast<const core::InvalidInput*>(&error)) return "InvalidInput";
  return "Error";
}

class Workspace {
 public:
  Workspace(const SeriesCache& series, const PrepareOptions& options, std::filesystem::path root)
      : series_(series),
        options_(options),
        layout_(std::move(root)),
        store_(layout_.store(), core::WriteDurability::kCache),
        validated_(store_, "backtest/validated-predictions.json"),
        fold_cache_(options.home_store ? predictor::FoldModelCache(
                                             *options.home_store, predictor::kFoldModelsPrefix,
                                             predictor::FoldModelCache::ReadOnly{})
                                       : predictor::FoldModelCache()) {
    std::filesystem::create_directories(layout_.state());
    research_db_.emplace(layout_.research_database());
  }

  const std::filesystem::path& root() const { return layout_.root(); }

  // Research after the close of `date`, and the SHA-256 of its signals
  // file; null (and a firing) on failure.
  std::shared_ptr<const core::Signals> research(core::Date date, std::vector<GuardFiring>& firings,
                                                std::string& sha256) {
    const core::VirtualClock clock(core::new_york_instant(date, std::chrono::hours(17)));
    const research::ResearchContext context{series_.bars(), store_, *research_db_, clock,
                                            *options_.research_parameters};
    research::RunOptions run;
    run.date = date;
    try {
      research::run_research(context, run);
    } catch (const std::exception& error) {
      firings.push_back({date, "ResearchFailed", error.what()});
      return nullptr;
    }
    const auto key = research::signals_key(date);
    const auto bytes = store_.get(key);
    sha256 = core::sha256_hex(bytes);
    return std::make_shared<const core::Signals>(
        core::parse_stored_contract(core::Contract::kSignals, bytes, key).get<core::Signals>());
  }

  // The model trained on everything up to `boundary`, made the champion:
  // its version, and how many of its folds came from the fold cache. Every
  // training set is cut from the one through `last_boundary`, built on the
  // first training that needs one.
  std::pair<std::string, std::size_t> train(core::Date boundary, core::Date last_boundary) {
    const auto index_key = "backtest/models/" + core::format_date(boundary) + ".json";
    const core::VirtualClock clock(core::new_york_instant(boundary, std::chrono::hours(18)));
    if (auto index = store_.try_get(index_key)) {
      const auto version = nlohmann::json::parse(*index).at("version").get<std::string>();
      predictor::promote(store_, clock, version, 0, 0, true);
      return {version, 0};
    }
    predictor::TrainingRequest request;
    request.to = boundary;
    request.promote = true;
    request.force_promote = true;
    request.fold_cache = &fold_cache_;
    if (!latest_training_set_) {
      auto options = predictor::dataset_options(*options_.predictor_parameters);
      options.to = last_boundary;
      latest_training_set_ = predictor::build_training_dataset(series_.bars(), options);
    }
    request.later_training_set = &*latest_training_set_;
    const auto run = predictor::run_training(series_.bars(), store_, clock,
                                             *options_.predictor_parameters, request);
    store_.put(index_key, nlohmann::json({{"version", run.version}}).dump() + "\n");
    return {run.version, run.reused_folds};
  }

  // Makes `signals` (research of `date`) what the store's latest keys say.
  void set_in_force(core::Date date) {
    const auto day = core::format_date(date);
    if (in_force_ == day) return;
    store_.put(research::kLatestSignalsKey, store_.get(research::signals_key(date)));
    const auto population = "population/" + day + ".json";
    if (store_.exists(population)) store_.put("population/latest.json", store_.get(population));
    in_force_ = day;
  }

  // The day's predictions file, if written by an earlier run: validated on
  // its first read, then checked by digest (core/contracts/validated_digests.h);
  // `sha256` receives the file's.
  std::optional<core::Predictions> cached_predictions(core::Date date, std::string& sha256) const {
    try {
      return core::parse_predictions(
          validated_.read(core::Contract::kPredictions, predictor::predictions_key(date), &sha256));
    } catch (const core::NotFound&) {
      return std::nullopt;
    }
  }
  void remember_validated() { validated_.save(); }

  std::optional<std::string> cached_refusal(core::Date date) const {
    return store_.try_get(refusal_key(date));
  }
  static std::string refused_sha256(const std::string& message) {
    return "refused " + core::sha256_hex(message);
  }

  // Predictions for `date` from model `version` (the champion in force), and
  // the SHA-256 of the file written, or of the refusal's message. `champion`
  // holds the caller's loaded model (loaded again when another version is
  // asked for); days are predicted concurrently, each thread with its own.
  std::shared_ptr<const core::Predictions> predict(core::Date date,
                                                   const predictor::CrossSectionSource& source,
                                                   const std::string& version,
                                                   std::optional<predictor::LoadedModel>& champion,
                                                   std::vector<GuardFiring>& firings,
                                                   std::string& sha256) {
    const core::VirtualClock clock(
        core::new_york_instant(date, std::chrono::hours(9) + std::chrono::minutes(5)));
    predictor::PredictRequest request;
    request.date = date;
    request.cross_sections = &source;
    request.publish = false;  // days are predicted together, out of order
    if (!champion || champion->version != version)
      champion = predictor::load_version(store_, version);
    request.champion = &*champion;
    try {
      const auto result = predictor::predict(series_.bars(), store_, clock,
                                             *options_.predictor_parameters, request);
      sha256 = core::sha256_hex(result.written.bytes);
      validated_.remember_written(core::Contract::kPredictions, predictor::predictions_key(date),
                                  sha256);
      return std::make_shared<const core::Predictions>(result.written.predictions);
    } catch (const std::exception& error) {
      const auto message = fmt::format("{}: {}", error_name(error), error.what());
      sha256 = refused_sha256(message);
      store_.put(refusal_key(date), message);
      firings.push_back({date, "PredictorRefused", message});
      return nullptr;
    }
  }

 private:
  static std::string refusal_key(core::Date date) {
    return "backtest/refused/" + core::format_date(date) + ".txt";
  }

  const SeriesCache& series_;
  const PrepareOptions& options_;
  core::Home layout_;  // a workspace is laid out as a home
  core::FileSystemStore store_;
  core::ValidatedDigests validated_;  // the prediction files read or written before
  std::optional<core::Database> research_db_;
  std::string in_force_;
  predictor::FoldModelCache fold_cache_;  // the boundaries' trainings share their folds
  std::optional<predictor::Dataset> latest_training_set_;  // and their training set
};

// The boundaries' trainings, one after another on a thread of their own from
// the start: a training reads the market data up to its boundary and nothing
// the research or the predictions write, so it runs ahead of the days that
// wait for its model. Each is promoted in the workspace in boundary order, as
// before. get(i) waits for the i-th and rethrows its failure; the destructor
// lets the training under way finish, starts no other, and joins.
class TrainingsAhead {
 public:
  struct Trained {
    std::string version;
    double seconds = 0;
    std::size_t reused_folds = 0;
  };

  TrainingsAhead(Workspace& workspace, const std::vector<core::Date>& boundaries)
      : results_(boundaries.size()) {
    for (auto& result : results_) futures_.push_back(result.get_future());
    thread_ = std::thread([this, &workspace, boundaries] {
      for (std::size_t i = 0; i < boundaries.size(); ++i) {
        if (stop_) {
          results_[i].set_exception(std::make_exception_ptr(core::Error("backtest: stopped")));
          continue;
        }
        try {
          const core::Stopwatch started;
          auto [version, reused] = workspace.train(boundaries[i], boundaries.back());
          results_[i].set_value({std::move(version), started.elapsed_seconds(), reused});
        } catch (...) {
          results_[i].set_exception(std::current_exception());
          stop_ = true;
        }
      }
    });
  }
  ~TrainingsAhead() {
    stop_ = true;
    thread_.join();
  }
  TrainingsAhead(const TrainingsAhead&) = delete;
  TrainingsAhead& operator=(const TrainingsAhead&) = delete;

  Trained get(std::size_t i) { return futures_[i].get(); }

 private:
  std::vector<std::promise<Trained>> results_;
  std::vector<std::future<Trained>> futures_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

std::filesystem::path workspace_for(const SeriesCache& series, const PrepareOptions& options) {
  const auto& bars = series.bars();
  std::string identity = options.research_parameters->to_json().dump() +
                         options.predictor_parameters->to_json().dump();
  identity += fmt::format("|{}|{}", bars.symbols().size(), options.retrain_every_days);
  if (const auto* spy = series.find("SPY"); spy && !spy->empty())
    identity += "|" + core::format_date(spy->first_date());
  identity += "|home-layout";  // workspaces laid out as core::Home
  const auto hash = std::hash<std::string>{}(identity);
  return options.workspaces /
         fmt::format("{}-{:08x}", core::format_date(options.from), hash & 0xffffffffu);
}

}  // namespace

std::optional<std::string> history_shortfall(const SeriesCache& series, core::Date from,
                                             const core::ParameterSet& predictor_parameters) {
  const auto& calendar = series.bars().calendar();
  const auto* spy = series.find("SPY");
  const auto first = calendar.first_index_on_or_after(from);
  if (!spy || spy->empty() || !first) return std::nullopt;  // other checks name these
  // The first fold needs more than min_train_days of labelled rows; labels
  // end a horizon before the boundary and the features need a warm-up.
  constexpr std::int64_t kFeatureWarmUp = 63;
  const auto min_train = predictor_parameters.get_int("training.min_train_days") +
                         predictor_parameters.get_int("label.horizon") + kFeatureWarmUp;
  // The model trains on the stocks, whose history may be shorter than the
  // index's (a collection whose SPY series starts years before its stocks):
  // history starts where half of the universe's members have bars.
  std::vector<std::int32_t> member_starts;
  for (const auto& member : series.universe().constituents)
    if (const auto* bars = series.find(member.ticker); bars && !bars->empty())
      member_starts.push_back(calendar.index_of(bars->first_date()));
  std::int32_t history_start = calendar.index_of(spy->first_date());
  if (!member_starts.empty()) {
    const auto median =
        member_starts.begin() + static_cast<std::ptrdiff_t>(member_starts.size() / 2);
    std::nth_element(member_starts.begin(), median, member_starts.end());
    history_start = std::max(history_start, *median);
  }
  const auto history = *first - history_start;
  if (history >= min_train) return std::nullopt;
  const auto earliest = history_start + static_cast<std::int32_t>(min_train);
  return fmt::format(
      "backtest: {} has {} sessions of stock history before it (from {}, when half of the "
      "universe has bars); a first model needs {} (training.min_train_days + label.horizon + 63 "
      "of feature warm-up): start the span on or after {}",
      core::format_date(calendar.date_at(*first)), std::max<std::int64_t>(history, 0),
      core::format_date(calendar.date_at(history_start)), min_train,
      earliest < calendar.size() ? core::format_date(calendar.date_at(earliest))
                                 : "(beyond the data)");
}

PreparedInputs prepare_decision_inputs(const SeriesCache& series, const PrepareOptions& options) {
  if (!options.research_parameters || !options.predictor_parameters)
    throw core::InvalidInput("backtest: research and predictor parameters are required");
  if (options.to < options.from)
    throw core::InvalidInput(fmt::format("backtest: the span {} .. {} is empty (to before from)",
                                         core::format_date(options.from),
                                         core::format_date(options.to)));
  if (options.retrain_every_days < 5)
    throw core::InvalidInput("backtest: retrain_every_days must be at least 5");
  const auto& calendar = series.bars().calendar();
  const auto* spy = series.find("SPY");
  if (!spy || spy->empty()) throw core::InvalidInput("backtest: the market data has no SPY");
  const auto first = calendar.first_index_on_or_after(options.from);
  const auto last = calendar.last_index_on_or_before(options.to);
  if (!first || !last || *last < *first)
    throw core::InvalidInput(fmt::format("backtest: no trading day between {} and {}",
                                         core::format_date(options.from),
                                         core::format_date(options.to)));
  if (calendar.date_at(*last) > spy->last_date())
    throw core::InvalidInput(fmt::format(
        "backtest: the span ends {} but the market data ends {} (run ae data refresh, or end "
        "the span earlier)",
        core::format_date(calendar.date_at(*last)), core::format_date(spy->last_date())));
  if (auto shortfall = history_shortfall(series, options.from, *options.predictor_parameters))
    throw core::InvalidInput(*shortfall);

  PreparedInputs out;
  Workspace workspace(series, options, workspace_for(series, options));
  out.workspace = workspace.root();
  spdlog::info("backtest: workspace {}", out.workspace.string());

  // Research dates: the last session of each week, from the week before the span.
  std::vector<core::Date> research_dates;
  for (std::int32_t i = std::max(*first - 10, 1); i < *last; ++i)
    if (week_of(calendar.date_at(i)) != week_of(calendar.date_at(i + 1)))
      research_dates.push_back(calendar.date_at(i));
  std::vector<core::Date> boundaries;
  for (std::int32_t i = *first - 1; i < *last; i += options.retrain_every_days)
    boundaries.push_back(calendar.date_at(i));

  std::vector<core::Date> days, as_of;
  for (std::int32_t i = *first; i <= *last; ++i) {
    days.push_back(calendar.date_at(i));
    as_of.push_back(calendar.date_at(i - 1));
  }
  std::unique_ptr<predictor::CrossSectionSource> source;  // built when a day needs scoring
  auto source_for = [&]() -> const predictor::CrossSectionSource& {
    if (!source) {
      const core::Stopwatch started;
      source = std::make_unique<predictor::CrossSectionSource>(
          series.bars(), series.bars().symbols(), as_of,
          options.predictor_parameters->get_string_list("features"), "momentum_20d",
          static_cast<unsigned>(options.predictor_parameters->get_int("xgboost.nthread")));
      out.prediction_seconds += started.elapsed_seconds();
    }
    return *source;
  };

  // The predictions the workspace already holds, read (parsed, and checked
  // by schema on a first read, by digest after) in parallel: on a re-run they
  // are most of the preparation.
  std::vector<std::optional<core::Predictions>> cached(days.size());
  std::vector<std::string> cached_sha256(days.size());
  {
    const core::Stopwatch started;
    tbb::parallel_for(std::size_t{0}, days.size(), [&](std::size_t d) {
      cached[d] = workspace.cached_predictions(days[d], cached_sha256[d]);
    });
    workspace.remember_validated();
    out.prediction_seconds += started.elapsed_seconds();
  }

  // The days to predict since the last research run, predicted together on
  // the pool's threads (each with its own loaded model) before the next
  // research run, which writes what they must not see. Each day's firings
  // and digest wait for its batch, so both stay in date order.
  struct ToPredict {
    std::size_t day;
    std::string model;
  };
  std::vector<ToPredict> to_predict;
  std::vector<std::vector<GuardFiring>> day_firings(days.size());
  std::vector<std::string> signals_sha256_of(days.size()), predictions_sha256(days.size());
  tbb::enumerable_thread_specific<std::optional<predictor::LoadedModel>> champions;
  std::size_t settled = 0;  // days before it are in out.inputs complete
  const auto settle_through = [&](std::size_t end) {
    const core::Stopwatch started;
    tbb::parallel_for(std::size_t{0}, to_predict.size(), [&](std::size_t i) {
      const auto d = to_predict[i].day;
      auto& day = out.inputs.days[d];
      day.predictions = workspace.predict(day.date, source_for(), to_predict[i].model,
                                          champions.local(), day_firings[d], predictions_sha256[d]);
    });
    to_predict.clear();
    for (; settled < end; ++settled) {
      auto& day = out.inputs.days[settled];
      day.digest = core::sha256_hex(
          fmt::format("{}|{}|{}|{}|{}", core::format_date(day.date), core::format_date(day.as_of),
                      day.signal_age_days, day.signals ? signals_sha256_of[settled] : "-",
                      predictions_sha256[settled].empty() ? "-" : predictions_sha256[settled]));
      for (auto& firing : day_firings[settled]) out.firings.push_back(std::move(firing));
    }
    out.prediction_seconds += started.elapsed_seconds();
    if (options.progress && end > 0) options.progress("predictions", end, days.size());
  };

  TrainingsAhead trainings(workspace, boundaries);
  std::size_t next_research = 0, next_boundary = 0;
  std::string model;  // the version in force
  std::shared_ptr<const core::Signals> signals;
  std::string signals_sha256;
  std::optional<core::Date> signals_date;
  for (std::size_t d = 0; d < days.size(); ++d) {
    while (next_research < research_dates.size() && research_dates[next_research] <= as_of[d]) {
      settle_through(d);
      const core::Stopwatch started;
      const auto date = research_dates[next_research++];
      std::string sha256;
      if (auto fresh = workspace.research(date, out.firings, sha256)) {
        signals = std::move(fresh);
        signals_sha256 = std::move(sha256);
        signals_date = date;
      }
      out.research_seconds += started.elapsed_seconds();
      if (options.progress) options.progress("research", next_research, research_dates.size());
    }
    while (next_boundary < boundaries.size() && boundaries[next_boundary] <= as_of[d]) {
      auto trained = trainings.get(next_boundary++);
      model = std::move(trained.version);
      if (out.model_versions.empty() || out.model_versions.back() != model)
        out.model_versions.push_back(model);
      out.training_seconds += trained.seconds;
      out.reused_folds += trained.reused_folds;
      if (options.progress) options.progress("training", next_boundary, boundaries.size());
    }

    DecisionDay day;
    day.date = days[d];
    day.as_of = as_of[d];
    day.signals = signals;
    if (signals_date)
      day.signal_age_days = static_cast<int>(
          (std::chrono::sys_days(day.date) - std::chrono::sys_days(*signals_date)).count());
    const core::Stopwatch started;
    if (signals_date) {
      signals_sha256_of[d] = signals_sha256;
      workspace.set_in_force(*signals_date);
      if (cached[d]) {
        day.predictions = std::make_shared<const core::Predictions>(std::move(*cached[d]));
        predictions_sha256[d] = std::move(cached_sha256[d]);
      } else if (auto refusal = workspace.cached_refusal(day.date)) {
        day_firings[d].push_back({day.date, "PredictorRefused", *refusal});
        predictions_sha256[d] = Workspace::refused_sha256(*refusal);
      } else {
        source_for();  // built here, before the batch's threads share it
        to_predict.push_back({d, model});
      }
    }
    out.prediction_seconds += started.elapsed_seconds();
    out.inputs.days.push_back(std::move(day));
  }
  settle_through(days.size());
  workspace.remember_validated();
  out.inputs.series = &series;
  return out;
}

}  // namespace ae::backtest
