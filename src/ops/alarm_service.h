// Runs alarms against the metric store and keeps their state (ops.db).
//   - an alarm with no stored state starts in INSUFFICIENT_DATA (as in AWS);
//     its first evaluation is when it started: missing periods that began
//     before then are not evaluated (expected_datapoints in
//     ops/alarm_evaluator.h), so a heartbeat alarm stays INSUFFICIENT_DATA or
//     OK until its first expected heartbeat is due;
//   - evaluate() looks at the evaluation range ending at the last complete
//     period before `clock.now()`, classifies each period (statistic vs
//     threshold; no samples = missing), and applies evaluate_datapoints;
//   - a percentile with too few samples under
//     EvaluateLowSampleCountPercentile=ignore keeps the current state;
//   - only a state change is recorded in the history and fires the actions of
//     the new state (AlarmActions / OKActions / InsufficientDataActions), one
//     publish per topic, when ActionsEnabled; re-evaluating an unchanged state
//     does nothing;
//   - history older than 14 days is pruned on every evaluation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/sqlite.h"
#include "ops/alarm_definition.h"
#include "ops/alarm_evaluator.h"
#include "ops/metric_store.h"
#include "ops/notifier.h"

namespace ae::ops {

struct AlarmStatus {
  std::string alarm_name;
  AlarmState state = AlarmState::kInsufficientData;
  std::string reason;
  std::optional<core::Timestamp> updated;
  std::optional<core::Timestamp> started;  // first evaluation; the epoch for older rows
};

struct AlarmTransition {
  std::string alarm_name;
  core::Timestamp timestamp;
  AlarmState old_state = AlarmState::kInsufficientData;
  AlarmState new_state = AlarmState::kInsufficientData;
  std::string reason;
  std::vector<std::string> notified_topics;
};

class AlarmService {
 public:
  // `notifier` may be null (evaluate without actions, e.g. a dry run).
  AlarmService(core::Database& database, core::Clock& clock, Notifier* notifier);

  AlarmStatus status(const std::string& alarm_name) const;

  // The datapoints of the evaluation range ending before now (oldest first).
  std::vector<Datapoint> datapoints(const AlarmDefinition& alarm, bool* low_sample_count) const;

  // Evaluates one alarm; returns the transition if its state changed.
  std::optional<AlarmTransition> evaluate(const AlarmDefinition& alarm);
  std::vector<AlarmTransition> evaluate_all(const std::vector<AlarmDefinition>& alarms);

  // Newest first; all alarms when `alarm_name` is empty.
  std::vector<AlarmTransition> history(const std::string& alarm_name, int limit) const;

 private:
  core::Database& database_;
  core::Clock& clock_;
  Notifier* notifier_;
};

}  // namespace ae::ops
