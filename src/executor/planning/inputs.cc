#include "executor/planning/inputs.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/atomic_file.h"
#include "core/contracts/contract.h"
#include "executor/errors.h"
#include "executor/risk_parameters.h"

namespace ae::executor {

std::string signals_key(core::Date date) {
  return "signals/" + core::format_date(date) + "/signals.json";
}

std::string predictions_key(core::Date date) {
  return "predictor/predictions/" + core::format_date(date) + ".json";
}

SignalsRead read_signals_with_fallback(const core::ArtifactStore& store, core::Date run_date,
                                       int cadence_days, int max_lookback_days) {
  SignalsRead out;
  bool found = false;
  if (store.exists(kLatestSignalsKey)) {
    auto signals = core::read_contract(store, core::Contract::kSignals, kLatestSignalsKey)
                       .get<core::Signals>();
    if (signals.date <= run_date) {
      out.signals = std::move(signals);
      out.key = kLatestSignalsKey;
      found = true;
    }
  }
  for (int k = 0; !found && k <= max_lookback_days; ++k) {
    const auto key = signals_key(core::add_days(run_date, -k));
    if (!store.exists(key)) continue;
    out.signals = core::read_contract(store, core::Contract::kSignals, key).get<core::Signals>();
    out.key = key;
    found = true;
  }
  if (!found) {
    throw PipelineHardFail(fmt::format(
        "no signals for {}: neither {} (dated on or before) nor signals/<date>/signals.json in "
        "the {} days before",
        core::format_date(run_date), kLatestSignalsKey, max_lookback_days));
  }
  out.age_days = core::days_between(out.signals.date, run_date);
  if (out.age_days > cadence_days) {
    out.warnings.push_back(
        fmt::format("signals are {} days old, more than the research cadence of {} days (did the "
                    "saturday pipeline run?)",
                    out.age_days, cadence_days));
  }
  for (const auto& w : out.warnings) spdlog::warn("signals: {} ({})", w, out.key);
  return out;
}

std::optional<core::Predictions> read_predictions(const core::ArtifactStore& store,
                                                  core::Date run_date) {
  const auto dated = predictions_key(run_date);
  if (store.exists(dated)) return core::read_predictions(store, dated);
  if (store.exists(kLatestPredictionsKey)) {
    auto latest = core::read_predictions(store, kLatestPredictionsKey);
    if (latest.date == run_date) return latest;
    spdlog::warn("predictions: {} is dated {}, not {}; ignored", kLatestPredictionsKey,
                 core::format_date(latest.date), core::format_date(run_date));
  }
  return std::nullopt;
}

core::ParameterSet load_executor_parameters(const core::Home& home,
                                            const core::ArtifactStore& store) {
  const auto cache = home.executor_parameters_cache();
  auto parameters = load_risk_parameters(home.parameter_file("risk"), store, home.profile());
  if (auto tuned = store.try_get(kTunedParametersKey)) {
    if (!nlohmann::json::parse(*tuned, nullptr, false).is_discarded())
      core::write_file_atomically(cache, *tuned);
  } else if (std::filesystem::exists(cache)) {
    const auto cached = nlohmann::json::parse(core::read_file(cache), nullptr, false);
    if (!cached.is_discarded()) {
      spdlog::warn("risk: no {} in the store; using the cached tuned parameters {}",
                   kTunedParametersKey, cache.string());
      parameters.apply_tuned(cached, "cache:" + cache.string());
    }
  }
  return parameters;
}

}  // namespace ae::executor
