#include "predictor/inference.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/closest_names.h"
#include "core/contracts/health_writer.h"
#include "core/error.h"
#include "core/text.h"
#include "predictor/errors.h"
#include "predictor/neutralization.h"
#include "predictor/predictor_metrics.h"
#include "predictor/store_keys.h"
#include "predictor/veto.h"

namespace ae::predictor {
namespace {

core::NotFound unknown_ticker(const std::string& ticker, const std::vector<std::string>& stored) {
  return core::NotFound("predict: unknown ticker " + ticker + " (not in the bar store)" +
                        core::did_you_mean(ticker, stored));
}

std::vector<std::string> population_tickers(const core::ArtifactStore& store,
                                            const std::optional<core::Signals>& signals) {
  if (signals && signals->population) return *signals->population;
  if (auto text = store.try_get("population/latest.json")) {
    const auto document = nlohmann::json::parse(*text, nullptr, false);
    if (document.is_discarded() || !document.contains("population"))
      throw core::InvalidInput("population/latest.json: not a population document");
    std::vector<std::string> out;
    for (const auto& entry : document["population"])
      out.push_back(entry.is_string() ? entry.get<std::string>()
                                      : entry.at("ticker").get<std::string>());
    return out;
  }
  std::vector<std::string> out;
  if (signals)
    for (const auto& entry : signals->universe) out.push_back(entry.ticker);
  return out;
}

}  // namespace

std::vector<core::Prediction> score_rows(const LoadedModel& model, const CrossSection& cross,
                                         const std::vector<std::string>& tickers, double alpha_clip,
                                         double momentum_threshold) {
  const auto& data = cross.data;
  std::map<std::string, std::size_t> row_of;
  for (std::size_t r = 0; r < data.rows(); ++r) row_of[data.tickers[data.ticker_of[r]]] = r;
  const std::size_t c = data.columns();
  std::vector<std::size_t> rows;
  for (const auto& ticker : tickers) rows.push_back(row_of.at(ticker));
  std::vector<double> raw_alpha;
  const auto exposures = exposure_columns(model.feature_names(), model.neutralize());
  if (exposures.empty()) {
    std::vector<float> x;
    for (const std::size_t r : rows)
      x.insert(x.end(), data.x.begin() + static_cast<std::ptrdiff_t>(r * c),
               data.x.begin() + static_cast<std::ptrdiff_t>((r + 1) * c));
    const auto scored = model.model.predict({x, c, {}});
    raw_alpha.assign(scored.begin(), scored.end());
  } else {
    // Neutralised over the day's whole cross-section, as in training.
    const auto scored = model.model.predict({data.x, c, {}});
    std::vector<double> all(scored.begin(), scored.end());
    const std::vector<std::int32_t> one_day(all.size(), 0);
    neutralize_by_day(one_day, all, data.x, c, exposures);
    for (const std::size_t r : rows) raw_alpha.push_back(all[r]);
  }
  std::vector<core::Prediction> out;
  for (std::size_t i = 0; i < tickers.size(); ++i) {
    const double alpha = round_to(std::clamp<double>(raw_alpha[i], -alpha_clip, alpha_clip), 6);
    const auto calibrated = calibrate(model.calibrator, alpha);
    core::Prediction p;
    p.ticker = tickers[i];
    p.predicted_alpha = alpha;
    p.predicted_direction = calibrated.direction;
    p.prediction_confidence = calibrated.confidence;
    p.p_up = calibrated.p_up;
    p.p_down = calibrated.p_down;
    p.p_flat = 0.0;
    const double momentum = cross.raw[rows[i]];
    if (std::isfinite(momentum)) p.momentum_20d = round_to(momentum, 6);
    p.momentum_veto = momentum_veto(p.momentum_20d, momentum_threshold);
    p.meta_model_version = model.version;
    p.price_data_age_days = 0;
    out.push_back(std::move(p));
  }
  return out;
}

namespace {

// The request's own errors, found before anything runs: they are the
// caller's, not the module's, so they leave its health record alone. A date
// that is not a trading day or is more than one session ahead of the last
// closed session is InvalidInput; a supplemental ticker the bar store does
// not hold is NotFound. Returns the feature date: the predictions for trading
// day D come from the latest session closed by now, D itself after its close,
// the session before D in D's morning (the weekday pipeline's case).
core::Date checked_feature_date(const market::BarStore& bars, const core::Clock& clock,
                                const PredictRequest& request) {
  const auto& calendar = bars.calendar();
  const std::string day = core::format_date(request.date);
  if (!calendar.is_trading_day(request.date))
    throw core::InvalidInput("predict: " + day + " is not a trading day");
  const core::Date last_closed = calendar.last_closed_trading_day(clock.now());
  const core::Date feature_date = std::min(request.date, last_closed);
  if (feature_date < calendar.date_at(calendar.index_of(request.date) - 1))
    throw core::InvalidInput(
        fmt::format("predict: {} is more than one session ahead of the last closed session ({})",
                    day, core::format_date(last_closed)));
  for (const auto& ticker : request.tickers) {
    const auto upper = core::to_upper(ticker);
    if (!bars.contains(upper)) throw unknown_ticker(upper, bars.symbols());
  }
  return feature_date;
}

PredictResult predict_steps(const market::BarStore& bars, core::ArtifactStore& store,
                            const core::Clock& clock, const core::ParameterSet& parameters,
                            const PredictRequest& request, core::Date feature_date) {
  const std::string feature_day = core::format_date(feature_date);
  if (!bars.contains("SPY") ||
      !std::isfinite(bars.read("SPY").value_on(market::Field::kClose, feature_date))) {
    throw PipelineAbort("predict: SPY has no bar on " + feature_day +
                        " (market data not fresh); nothing written");
  }

  const core::Stopwatch run_watch;
  std::optional<LoadedModel> loaded;
  if (!request.champion) loaded = load_champion(store);
  const LoadedModel& model = loaded ? *loaded : *request.champion;
  const auto signals = read_day_signals(store, request.date);

  std::vector<std::string> watchlist;
  std::map<std::string, core::WatchlistSource> source;
  const bool supplemental = !request.tickers.empty();
  if (supplemental) {
    for (const auto& t : request.tickers)
      source[core::to_upper(t)] = core::WatchlistSource::kSupplemental;
  } else {
    for (const auto& t : population_tickers(store, signals))
      source[core::to_upper(t)] = core::WatchlistSource::kPopulation;
    if (signals) {
      for (const auto& entry : signals->buy_candidates) {
        const auto t = core::to_upper(entry.ticker);
        if (!source.contains(t)) source[t] = core::WatchlistSource::kBuyCandidate;
      }
    }
    const auto universe_members = [&] {
      return request.cross_sections ? request.cross_sections->universe().members_on(request.date)
                                    : bars.read_universe().members_on(request.date);
    };
    if (source.empty() && bars.has_universe()) {
      for (const auto& t : universe_members()) source[t] = core::WatchlistSource::kPopulation;
    } else if (parameters.get_bool("inference.score_universe") && bars.has_universe()) {
      for (const auto& t : universe_members())
        if (!source.contains(t)) source[t] = core::WatchlistSource::kUniverse;
    }
  }
  const market::SymbolListing stored(bars);
  for (const auto& [ticker, from] : source) {
    if (!stored.contains(ticker)) throw unknown_ticker(ticker, stored.symbols());
    if (request.excluded.contains(ticker)) {
      spdlog::warn("predict: {} is excluded from scoring; it gets no row", ticker);
      continue;
    }
    watchlist.push_back(ticker);
  }
  if (watchlist.empty()) throw core::InvalidInput("predict: the watchlist is empty");

  PredictResult result;
  result.model_version = model.version;
  const core::Stopwatch feature_watch;
  if (request.cross_sections && request.cross_sections->features() != model.feature_names())
    throw core::InvalidInput("predict: the precomputed features are not model " + model.version +
                             "'s");
  const auto cross = request.cross_sections
                         ? request.cross_sections->at(feature_date, watchlist, stored)
                         : build_cross_section(
                               bars, feature_date, model.feature_names(), watchlist, "momentum_20d",
                               static_cast<unsigned>(parameters.get_int("xgboost.nthread")));
  result.feature_seconds = feature_watch.elapsed_seconds();
  result.cross_section_size = cross.data.rows();

  std::set<std::string> present;
  for (std::size_t r = 0; r < cross.data.rows(); ++r)
    present.insert(cross.data.tickers[cross.data.ticker_of[r]]);
  // A universe member scored only because the whole universe is scored and
  // without a bar on the feature date (halted, not yet trading) gets no row;
  // any other ticker without one is an error.
  std::vector<std::string> stale;
  std::erase_if(watchlist, [&](const std::string& t) {
    if (present.contains(t)) return false;
    if (source.at(t) != core::WatchlistSource::kUniverse) stale.push_back(t);
    return true;
  });
  if (!stale.empty()) {
    throw core::InvalidInput(
        fmt::format("predict: no bar (stale features) on {} for: {}; nothing written", feature_day,
                    fmt::join(stale, ", ")));
  }

  const core::Stopwatch scoring_watch;
  auto rows =
      score_rows(model, cross, watchlist,
                 model.metadata.value("label", nlohmann::json::object()).value("clip", 0.25),
                 parameters.get_double("veto.momentum_threshold"));
  result.scoring_seconds = scoring_watch.elapsed_seconds();
  const auto data_age_days = static_cast<int>(
      (std::chrono::sys_days(request.date) - std::chrono::sys_days(feature_date)).count());
  for (auto& row : rows) {
    row.watchlist_source = source.at(row.ticker);
    row.price_data_age_days = data_age_days;
  }

  WriteRequest write;
  write.date = request.date;
  write.model_version = model.version;
  write.rows = std::move(rows);
  write.signals = &signals;
  write.supplemental = supplemental;
  write.publish = request.publish;
  write.base_veto_threshold = parameters.get_double("veto.confidence");
  write.regime_adjustment = parameters.get_bool("veto.regime_adjustment");
  write.gate_blocking = parameters.get_bool("output_gate.blocking");
  write.metrics = request.metrics;
  write.timing = {{"feature_seconds", result.feature_seconds},
                  {"scoring_seconds", result.scoring_seconds}};
  write.model_metrics = {{"version", model.version},
                         {"created_at", model.metadata.value("created_at", "")},
                         {"metrics", model.metadata.value("metrics", nlohmann::json::object())
                                         .value("overall", nlohmann::json::object())},
                         {"cross_section_size", result.cross_section_size}};
  result.written = write_predictions(store, clock, std::move(write));
  result.seconds = run_watch.elapsed_seconds();
  emit_inference_latency(request.metrics,
                         {result.feature_seconds, result.scoring_seconds, result.seconds},
                         clock.now());
  spdlog::info("predictor: features {:.0f} ms, scoring {:.1f} ms, run {:.0f} ms for {} tickers",
               1000 * result.feature_seconds, 1000 * result.scoring_seconds, 1000 * result.seconds,
               watchlist.size());
  return result;
}

}  // namespace

PredictResult predict(const market::BarStore& bars, core::ArtifactStore& store,
                      const core::Clock& clock, const core::ParameterSet& parameters,
                      const PredictRequest& request) {
  const auto feature_date = checked_feature_date(bars, clock, request);
  try {
    auto result = predict_steps(bars, store, clock, parameters, request, feature_date);
    if (!request.publish) return result;
    const auto& written = result.written.predictions;
    core::write_health(store, "predictor_inference", core::HealthStatus::kOk, request.date,
                       clock.now(),
                       {{"n_predictions", written.n_predictions},
                        {"model_version", result.model_version},
                        {"supplemental", !request.tickers.empty()}});
    return result;
  } catch (const std::exception& e) {
    if (request.publish)
      core::write_health(store, "predictor_inference", core::HealthStatus::kFailed, request.date,
                         clock.now(), nlohmann::json::object(), {}, e.what());
    throw;
  }
}

}  // namespace ae::predictor
