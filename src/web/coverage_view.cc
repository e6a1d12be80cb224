#include "web/coverage_view.h"

#include <set>

#include "app/weekday_coverage.h"
#include "core/contracts/contract.h"
#include "core/contracts/coverage.h"
#include "core/error.h"
#include "executor/planning/coverage_guard.h"
#include "web/executions_view.h"
#include "web/signals_view.h"

namespace ae::web {
namespace {

bool is_iso_date(const std::string& text) {
  try {
    return text.size() == 10 && core::format_date(core::parse_date(text)) == text;
  } catch (const core::Error&) {
    return false;
  }
}

// The coverage of `day` as stored now: the signals in force that morning
// (signals_key_for: the newest research dated before the day) against the
// day's predictions, by the one shared definition (core::compute_coverage).
core::CoverageResult coverage_on(const HomeReader& home, const std::string& day) {
  std::optional<core::Signals> signals;
  if (const auto key = signals_key_for(home, day))
    signals = home.contract(core::Contract::kSignals, *key).get<core::Signals>();
  std::optional<core::Predictions> predictions;
  try {
    predictions =
        home.contract(core::Contract::kPredictions, "predictor/predictions/" + day + ".json")
            .get<core::Predictions>();
  } catch (const core::NotFound&) {
  }
  return core::compute_coverage(core::parse_date(day), signals, predictions);
}

}  // namespace

std::vector<std::string> prediction_days(const HomeReader& home) {
  std::vector<std::string> days;
  constexpr std::string_view prefix = "predictor/predictions/";
  for (const auto& key : home.store().list(prefix)) {
    std::string name = key.substr(prefix.size());
    if (name.size() == 15 && name.ends_with(".json") && is_iso_date(name.substr(0, 10)))
      days.push_back(name.substr(0, 10));
  }
  return days;
}

Json coverage(const HomeReader& home, const DateRange& range, int limit) {
  std::set<std::string, std::greater<>> days;
  for (const auto& day : prediction_days(home))
    if (range.contains(day)) days.insert(day);
  for (const auto& key : home.store().list("signals/")) {
    const std::string day = key.substr(8, 10);
    if (key.ends_with("/signals.json") && is_iso_date(day) && range.contains(day)) days.insert(day);
  }
  const Json weekday = list_executions(home, std::string("weekday"), range, kMaxRows);
  std::map<std::string, std::string> execution_of;  // newest execution per day
  for (const auto& execution : weekday["executions"]) {
    days.insert(execution["date"].get<std::string>());
    execution_of.try_emplace(execution["date"].get<std::string>(), execution["name"]);
  }

  std::map<std::string, double> metric_by_day;
  if (const auto metrics = home.metrics())
    for (const auto& sample : metrics->samples(executor::kCoverageMetricName))
      metric_by_day[core::format_timestamp(sample.timestamp).substr(0, 10)] = sample.value;
  const std::string alarm_name(app::kCoverageAlarm);
  Json alarm = nullptr;
  Json alarm_history = Json::array();
  if (const auto alarms = home.alarms()) {
    alarm = alarms->state(alarm_name);
    alarm_history = alarms->history(alarm_name, 50);
  }

  Json rows = Json::array();
  for (const auto& day : days) {
    if (static_cast<int>(rows.size()) >= limit) break;
    if (!range.contains(day)) continue;
    Json row{{"date", day}};
    try {
      const auto now = coverage_on(home, day);
      row["n_buy_candidates"] = now.n_buy_candidates;
      row["n_predictions"] = now.n_predictions;
      row["has_gap"] = now.has_gap;
      row["missing_tickers"] = now.missing_tickers;
      row["signals_present"] = now.signals_present;
      row["predictions_present"] = now.predictions_present;
    } catch (const core::Error& error) {
      row["error"] = error.what();
    }
    row["execution"] = nullptr;
    row["first_check_missing"] = Json::array();
    row["self_heal"] = "no weekday execution";
    if (const auto found = execution_of.find(day); found != execution_of.end()) {
      const Json trace = coverage_trace(home, found->second);
      row["execution"] = found->second;
      row["execution_status"] = trace["status"];
      if (trace["first_check"].is_object())
        row["first_check_missing"] = trace["first_check"].value("missing_tickers", Json::array());
      row["self_heal"] = trace["self_heal"]["outcome"];
    }
    const auto metric = metric_by_day.find(day);
    row["unscored_metric"] = metric == metric_by_day.end() ? Json() : Json(metric->second);
    rows.push_back(std::move(row));
  }
  return {{"days", rows},
          {"alarm", alarm},
          {"alarm_history", alarm_history},
          {"alarm_name", alarm_name}};
}

}  // namespace ae::web
