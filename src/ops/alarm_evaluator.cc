#include "ops/alarm_evaluator.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"

namespace ae::ops {

std::string alarm_state_name(AlarmState state) {
  switch (state) {
    case AlarmState::kOk:
      return "OK";
    case AlarmState::kAlarm:
      return "ALARM";
    case AlarmState::kInsufficientData:
      return "INSUFFICIENT_DATA";
  }
  return "?";
}

AlarmState parse_alarm_state(const std::string& text) {
  for (auto state : {AlarmState::kOk, AlarmState::kAlarm, AlarmState::kInsufficientData})
    if (alarm_state_name(state) == text) return state;
  throw core::InvalidInput(fmt::format("unknown alarm state '{}'", text));
}

int evaluation_range_size(int evaluation_periods) { return evaluation_periods + 2; }

EvaluationResult evaluate_datapoints(const std::vector<Datapoint>& range, int evaluation_periods,
                                     int datapoints_to_alarm, TreatMissingData treat_missing_data,
                                     AlarmState current) {
  const int n = evaluation_periods;
  const int m = datapoints_to_alarm;
  const auto shape = format_datapoints(range);
  auto decide = [&](int breaching, int evaluated, const std::string& how) {
    const auto state = breaching >= m ? AlarmState::kAlarm : AlarmState::kOk;
    return EvaluationResult{
        state, fmt::format("{} of {} evaluated datapoints breaching (need {}); {} [{}]", breaching,
                           evaluated, m, how, shape)};
  };

  std::vector<Datapoint> real;
  for (auto point : range)
    if (point != Datapoint::kMissing) real.push_back(point);
  const auto count_breaching = [](auto first, auto last) {
    return static_cast<int>(std::count(first, last, Datapoint::kBreaching));
  };

  if (static_cast<int>(real.size()) >= n)
    return decide(count_breaching(real.end() - n, real.end()), n, "the N most recent real points");

  const int fills = n - static_cast<int>(real.size());
  const int real_breaching = count_breaching(real.begin(), real.end());
  switch (treat_missing_data) {
    case TreatMissingData::kNotBreaching:
      return decide(real_breaching, n, fmt::format("{} missing filled as not breaching", fills));
    case TreatMissingData::kBreaching:
      return decide(real_breaching + fills, n,
                    fmt::format("{} missing filled as breaching", fills));
    case TreatMissingData::kMissing:
    case TreatMissingData::kIgnore:
      break;
  }

  const bool only_breaching = real_breaching == static_cast<int>(real.size());
  if (real_breaching >= m || !only_breaching)
    return decide(real_breaching, n, fmt::format("{} missing filled as not breaching", fills));

  // Every real point breaches (or there are none) but fewer than M do.
  if (treat_missing_data == TreatMissingData::kIgnore)
    return {current, fmt::format("missing data ignored: state kept [{}]", shape)};
  if (!real.empty()) {
    const auto oldest = std::find(range.begin(), range.end(), Datapoint::kBreaching);
    const int age = static_cast<int>(range.end() - oldest);  // newest slot is 1 period old
    if (age >= m)
      return {AlarmState::kAlarm,
              fmt::format("oldest breaching datapoint is {} periods old (>= {}) and nothing newer "
                          "is good [{}]",
                          age, m, shape)};
  }
  return {
      AlarmState::kInsufficientData,
      fmt::format("{} real datapoints, all breaching, fewer than {} [{}]", real.size(), m, shape)};
}

std::vector<Datapoint> expected_datapoints(const std::vector<Datapoint>& range,
                                           int expected_periods) {
  const auto unexpected = static_cast<std::ptrdiff_t>(range.size()) -
                          std::clamp<std::ptrdiff_t>(expected_periods, 0, std::ssize(range));
  std::vector<Datapoint> result;
  for (auto point = range.begin(); point != range.end(); ++point)
    if (point - range.begin() >= unexpected || *point != Datapoint::kMissing)
      result.push_back(*point);
  return result;
}

std::vector<Datapoint> parse_datapoints(const std::string& text) {
  std::vector<Datapoint> result;
  for (char c : text) {
    switch (c) {
      case '0':
        result.push_back(Datapoint::kGood);
        break;
      case 'X':
        result.push_back(Datapoint::kBreaching);
        break;
      case '-':
        result.push_back(Datapoint::kMissing);
        break;
      case ' ':
        break;
      default:
        throw core::InvalidInput(
            fmt::format("datapoint pattern '{}': '{}' is not 0, X or -", text, c));
    }
  }
  return result;
}

std::string format_datapoints(const std::vector<Datapoint>& range) {
  std::string result;
  for (auto point : range)
    result += point == Datapoint::kGood ? '0' : point == Datapoint::kBreaching ? 'X' : '-';
  return result;
}

}  // namespace ae::ops
