#include "ops/alarm_service.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

namespace ae::ops {

namespace {

constexpr std::chrono::days kHistoryRetention{14};

std::string alarm_message(const AlarmDefinition& alarm, const AlarmTransition& transition) {
  nlohmann::json dimensions = nlohmann::json::array();
  for (const auto& [name, value] : alarm.metric.dimensions)
    dimensions.push_back({{"name", name}, {"value", value}});
  nlohmann::json trigger = {
      {"MetricName", alarm.metric.name},
      {"Namespace", alarm.metric.name_space},
      {"Dimensions", dimensions},
      {"Period", alarm.period.count()},
      {"EvaluationPeriods", alarm.evaluation_periods},
      {"DatapointsToAlarm", alarm.datapoints_to_alarm},
      {"ComparisonOperator", comparison_name(alarm.comparison)},
      {"Threshold", alarm.threshold},
      {"TreatMissingData", treat_missing_data_name(alarm.treat_missing_data)}};
  trigger[alarm.extended_statistic ? "ExtendedStatistic" : "Statistic"] = alarm.statistic.name();
  return nlohmann::json{{"AlarmName", alarm.alarm_name},
                        {"AlarmDescription", alarm.description},
                        {"NewStateValue", alarm_state_name(transition.new_state)},
                        {"NewStateReason", transition.reason},
                        {"OldStateValue", alarm_state_name(transition.old_state)},
                        {"StateChangeTime", core::format_timestamp(transition.timestamp)},
                        {"Trigger", trigger}}
      .dump();
}

const std::vector<std::string>& actions_for(const AlarmDefinition& alarm, AlarmState state) {
  switch (state) {
    case AlarmState::kAlarm:
      return alarm.alarm_actions;
    case AlarmState::kOk:
      return alarm.ok_actions;
    case AlarmState::kInsufficientData:
      break;
  }
  return alarm.insufficient_data_actions;
}

// The first period of the evaluation range, which ends at the last complete period before now.
core::Timestamp evaluation_range_start(const AlarmDefinition& alarm, core::Timestamp now) {
  return period_floor(now, alarm.period) -
         alarm.period * evaluation_range_size(alarm.evaluation_periods);
}

// How many of the evaluation range's newest periods began at or after `started`.
int expected_periods(const AlarmDefinition& alarm, core::Timestamp now, core::Timestamp started) {
  const auto range_start = evaluation_range_start(alarm, now);
  int expected = 0;
  for (int index = 0; index < evaluation_range_size(alarm.evaluation_periods); ++index)
    if (range_start + alarm.period * index >= started) ++expected;
  return expected;
}

}  // namespace

AlarmService::AlarmService(core::Database& database, core::Clock& clock, Notifier* notifier)
    : database_(database), clock_(clock), notifier_(notifier) {}

AlarmStatus AlarmService::status(const std::string& alarm_name) const {
  auto select = database_.prepare(
      "SELECT state, reason, updated_us, COALESCE(started_us, 0) FROM "
      "alarm_state WHERE alarm_name = ?");
  select.bind(1, alarm_name);
  AlarmStatus result{alarm_name, AlarmState::kInsufficientData, "not evaluated yet", std::nullopt,
                     std::nullopt};
  if (select.step()) {
    result.state = parse_alarm_state(select.column_text(0));
    result.reason = select.column_text(1);
    result.updated = core::from_microseconds(select.column_int(2));
    result.started = core::from_microseconds(select.column_int(3));
  }
  return result;
}

std::vector<Datapoint> AlarmService::datapoints(const AlarmDefinition& alarm,
                                                bool* low_sample_count) const {
  const int range = evaluation_range_size(alarm.evaluation_periods);
  const auto start = evaluation_range_start(alarm, clock_.now());
  const auto end = start + alarm.period * range;
  MetricStore metrics(database_);
  const auto points = metrics.query({alarm.metric, alarm.statistic, alarm.period, start, end});
  std::vector<Datapoint> result(static_cast<std::size_t>(range), Datapoint::kMissing);
  if (low_sample_count) *low_sample_count = false;
  for (const auto& point : points) {
    const auto index = (point.period_start - start) / alarm.period;
    if (is_low_sample_count(alarm.statistic, point.sample_count) && low_sample_count &&
        !alarm.evaluate_low_sample_count_percentile)
      *low_sample_count = true;
    result[static_cast<std::size_t>(index)] =
        breaches(alarm.comparison, point.value, alarm.threshold) ? Datapoint::kBreaching
                                                                 : Datapoint::kGood;
  }
  return result;
}

std::optional<AlarmTransition> AlarmService::evaluate(const AlarmDefinition& alarm) {
  const auto now = clock_.now();
  const auto current = status(alarm.alarm_name);
  bool low_sample_count = false;
  const auto range = datapoints(alarm, &low_sample_count);
  const auto started = current.started.value_or(now);
  const auto considered = expected_datapoints(range, expected_periods(alarm, now, started));
  EvaluationResult outcome;
  if (low_sample_count) {
    outcome = {current.state, "too few samples for the percentile: state kept"};
  } else if (considered.empty()) {
    const auto first_due =
        period_floor(started - std::chrono::microseconds(1), alarm.period) + 2 * alarm.period;
    outcome = {current.state,
               fmt::format("no datapoint expected yet: the alarm started at {}, its first "
                           "expected period ends at {}",
                           core::format_timestamp(started), core::format_timestamp(first_due))};
  } else {
    outcome = evaluate_datapoints(considered, alarm.evaluation_periods, alarm.datapoints_to_alarm,
                                  alarm.treat_missing_data, current.state);
  }
  if (current.updated && outcome.state == current.state) return std::nullopt;

  AlarmTransition transition{alarm.alarm_name, now, current.state, outcome.state,
                             outcome.reason,   {}};
  const bool changed = outcome.state != current.state;
  {
    core::Transaction transaction(database_);
    auto upsert = database_.prepare(
        "INSERT INTO alarm_state(alarm_name, state, reason, updated_us, started_us) VALUES (?, ?, "
        "?, ?, ?) ON CONFLICT(alarm_name) DO UPDATE SET state = excluded.state, reason = "
        "excluded.reason, updated_us = excluded.updated_us");
    upsert.bind(1, alarm.alarm_name)
        .bind(2, alarm_state_name(outcome.state))
        .bind(3, outcome.reason)
        .bind(4, core::to_microseconds(now))
        .bind(5, core::to_microseconds(started));
    upsert.run();
    if (changed) {
      if (alarm.actions_enabled) transition.notified_topics = actions_for(alarm, outcome.state);
      auto insert = database_.prepare(
          "INSERT INTO alarm_history(alarm_name, timestamp_us, old_state, new_state, reason, "
          "actions) VALUES (?, ?, ?, ?, ?, ?)");
      insert.bind(1, alarm.alarm_name)
          .bind(2, core::to_microseconds(now))
          .bind(3, alarm_state_name(current.state))
          .bind(4, alarm_state_name(outcome.state))
          .bind(5, outcome.reason)
          .bind(6, nlohmann::json(transition.notified_topics).dump());
      insert.run();
    }
    transaction.commit();
  }
  if (!changed) return std::nullopt;  // first evaluation confirmed the initial state
  spdlog::info("alarm {}: {} -> {} ({})", alarm.alarm_name, alarm_state_name(current.state),
               alarm_state_name(outcome.state), outcome.reason);
  if (notifier_ != nullptr) {
    for (const auto& topic : transition.notified_topics) {
      notifier_->publish({topic,
                          fmt::format("{}: \"{}\" in {}", alarm_state_name(outcome.state),
                                      alarm.alarm_name, alarm.metric.name_space),
                          alarm_message(alarm, transition), std::nullopt});
    }
  }
  return transition;
}

std::vector<AlarmTransition> AlarmService::evaluate_all(
    const std::vector<AlarmDefinition>& alarms) {
  auto prune = database_.prepare("DELETE FROM alarm_history WHERE timestamp_us < ?");
  prune.bind(1, core::to_microseconds(clock_.now() - kHistoryRetention));
  prune.run();
  std::vector<AlarmTransition> result;
  for (const auto& alarm : alarms)
    if (auto transition = evaluate(alarm)) result.push_back(std::move(*transition));
  return result;
}

std::vector<AlarmTransition> AlarmService::history(const std::string& alarm_name, int limit) const {
  auto select = database_.prepare(
      "SELECT alarm_name, timestamp_us, old_state, new_state, reason, actions FROM alarm_history "
      "WHERE (?1 = '' OR alarm_name = ?1) ORDER BY timestamp_us DESC, id DESC LIMIT ?2");
  select.bind(1, alarm_name).bind(2, limit);
  std::vector<AlarmTransition> result;
  while (select.step()) {
    result.push_back(
        {select.column_text(0), core::from_microseconds(select.column_int(1)),
         parse_alarm_state(select.column_text(2)), parse_alarm_state(select.column_text(3)),
         select.column_text(4),
         nlohmann::json::parse(select.column_text(5)).get<std::vector<std::string>>()});
  }
  return result;
}

}  // namespace ae::ops
