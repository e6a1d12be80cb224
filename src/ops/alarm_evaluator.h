// CloudWatch's alarm evaluation, exactly as AWS documents it
// ("Configuring how CloudWatch alarms treat missing data"):
//   1. the evaluation range holds more periods than N (we use N + 2: AWS's
//      example is 5 for N = 3; the exact size is not published);
//   2. if the range has at least N real datapoints, the N most recent real
//      ones are evaluated and TreatMissingData plays no part;
//   3. otherwise every real point in the range is used and the missing slots
//      are filled with as few points as needed to make N, per the policy:
//      notBreaching fills good, breaching fills bad; missing and ignore fill
//      good, except that when every real point is breaching (or there are
//      none) and they are fewer than M, `missing` gives INSUFFICIENT_DATA and
//      `ignore` keeps the current state;
//   4. the special case under `missing`: if every real point is breaching and
//      the oldest is at least M periods old (the newest slot is 1 period old),
//      the state is ALARM even with fewer than M breaching points;
//   5. M or more breaching points among the N evaluated -> ALARM, else OK.
// The tests/ops/alarm_truth_tables/*.json cases pin every row AWS publishes.
//
// Before that, a newly started alarm drops the missing periods in which no
// datapoint could have been expected yet (expected_datapoints): a period is
// expected once it begins at or after the alarm started, so the first
// expected datapoint (a heartbeat's) is due when the first whole period after
// the start ends. Until then only real datapoints count and, with none, the
// alarm keeps its state (INSUFFICIENT_DATA for a new alarm), as CloudWatch
// describes INSUFFICIENT_DATA: "the alarm has just started".
#pragma once

#include <string>
#include <vector>

#include "ops/alarm_definition.h"

namespace ae::ops {

enum class AlarmState { kOk, kAlarm, kInsufficientData };

std::string alarm_state_name(AlarmState state);  // "OK", "ALARM", "INSUFFICIENT_DATA"
AlarmState parse_alarm_state(const std::string& text);

enum class Datapoint { kGood, kBreaching, kMissing };

struct EvaluationResult {
  AlarmState state = AlarmState::kInsufficientData;
  std::string reason;
};

// The number of periods retrieved for an alarm with N evaluation periods.
int evaluation_range_size(int evaluation_periods);

// `range` is oldest -> newest and may be any length >= 1.
EvaluationResult evaluate_datapoints(const std::vector<Datapoint>& range, int evaluation_periods,
                                     int datapoints_to_alarm, TreatMissingData treat_missing_data,
                                     AlarmState current);

// `range` (oldest -> newest) without its missing points older than the
// newest `expected_periods` slots; real points are kept wherever they are.
std::vector<Datapoint> expected_datapoints(const std::vector<Datapoint>& range,
                                           int expected_periods);

// "0-X-X" (0 good, X breaching, - missing) <-> datapoints, for tests and reasons.
std::vector<Datapoint> parse_datapoints(const std::string& text);
std::string format_datapoints(const std::vector<Datapoint>& range);

}  // namespace ae::ops
