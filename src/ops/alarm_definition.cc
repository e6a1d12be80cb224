#include "ops/alarm_definition.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "core/error.h"

namespace ae::ops {

namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& origin, const std::string& alarm,
                       const std::string& what) {
  throw core::InvalidInput(fmt::format("{}: alarm '{}': {}", origin, alarm, what));
}

std::string topic_of(const json& action, const std::map<std::string, std::string>& topics,
                     const std::string& origin, const std::string& alarm) {
  if (action.is_object() && action.contains("Ref") && action["Ref"].is_string()) {
    auto found = topics.find(action["Ref"].get<std::string>());
    if (found == topics.end())
      fail(origin, alarm,
           fmt::format("action Ref '{}' names no AWS::SNS::Topic",
                       action["Ref"].get<std::string>()));
    return found->second;
  }
  if (action.is_string()) {
    const auto text = action.get<std::string>();
    if (text.rfind("arn:aws:sns:", 0) == 0) return text.substr(text.rfind(':') + 1);
    if (text.find(':') == std::string::npos && !text.empty()) return text;
  }
  fail(origin, alarm, fmt::format("action {} is not a topic name, SNS ARN or Ref", action.dump()));
}

std::vector<std::string> actions_of(const json& properties, const char* key,
                                    const std::map<std::string, std::string>& topics,
                                    const std::string& origin, const std::string& alarm) {
  std::vector<std::string> result;
  if (!properties.contains(key)) return result;
  if (!properties[key].is_array()) fail(origin, alarm, fmt::format("{} must be a list", key));
  for (const auto& action : properties[key])
    result.push_back(topic_of(action, topics, origin, alarm));
  return result;
}

int positive_int(const json& properties, const char* key, const std::string& origin,
                 const std::string& alarm) {
  if (!properties.contains(key) || !properties[key].is_number_integer() ||
      properties[key].get<long long>() < 1)
    fail(origin, alarm, fmt::format("{} must be a positive integer", key));
  return static_cast<int>(properties[key].get<long long>());
}

std::string text_of(const json& properties, const char* key, const std::string& origin,
                    const std::string& alarm) {
  if (!properties.contains(key) || !properties[key].is_string() ||
      properties[key].get<std::string>().empty())
    fail(origin, alarm, fmt::format("{} must be a non-empty string", key));
  return properties[key].get<std::string>();
}

AlarmDefinition parse_alarm(const std::string& logical_id, const json& properties,
                            const std::map<std::string, std::string>& topics,
                            const std::string& origin) {
  static const std::set<std::string> kKnown = {"AlarmName",
                                               "AlarmDescription",
                                               "Namespace",
                                               "MetricName",
                                               "Dimensions",
                                               "Period",
                                               "EvaluationPeriods",
                                               "DatapointsToAlarm",
                                               "Statistic",
                                               "ExtendedStatistic",
                                               "ComparisonOperator",
                                               "Threshold",
                                               "TreatMissingData",
                                               "EvaluateLowSampleCountPercentile",
                                               "ActionsEnabled",
                                               "AlarmActions",
                                               "OKActions",
                                               "InsufficientDataActions",
                                               "Unit"};
  if (!properties.is_object()) fail(origin, logical_id, "Properties must be an object");
  for (const auto& [key, value] : properties.items())
    if (!kKnown.contains(key))
      fail(origin, logical_id, fmt::format("unsupported property '{}'", key));

  AlarmDefinition alarm;
  alarm.logical_id = logical_id;
  alarm.alarm_name = properties.contains("AlarmName")
                         ? text_of(properties, "AlarmName", origin, logical_id)
                         : logical_id;
  const auto& name = alarm.alarm_name;
  alarm.description = properties.value("AlarmDescription", "");
  alarm.metric.name_space = text_of(properties, "Namespace", origin, name);
  alarm.metric.name = text_of(properties, "MetricName", origin, name);
  if (properties.contains("Dimensions")) {
    if (!properties["Dimensions"].is_array()) fail(origin, name, "Dimensions must be a list");
    for (const auto& dimension : properties["Dimensions"]) {
      if (!dimension.is_object() || !dimension.contains("Name") || !dimension.contains("Value") ||
          !dimension["Name"].is_string() || !dimension["Value"].is_string())
        fail(origin, name, "each dimension needs a string Name and Value");
      alarm.metric.dimensions[dimension["Name"].get<std::string>()] =
          dimension["Value"].get<std::string>();
    }
  }

  const int period = positive_int(properties, "Period", origin, name);
  if (!(period == 10 || period == 20 || period == 30 || period % 60 == 0))
    fail(origin, name, fmt::format("Period {} must be 10, 20, 30 or a multiple of 60", period));
  alarm.period = std::chrono::seconds(period);
  alarm.evaluation_periods = positive_int(properties, "EvaluationPeriods", origin, name);
  alarm.datapoints_to_alarm = properties.contains("DatapointsToAlarm")
                                  ? positive_int(properties, "DatapointsToAlarm", origin, name)
                                  : alarm.evaluation_periods;
  if (alarm.datapoints_to_alarm > alarm.evaluation_periods)
    fail(origin, name,
         fmt::format("DatapointsToAlarm {} exceeds EvaluationPeriods {}", alarm.datapoints_to_alarm,
                     alarm.evaluation_periods));
  const long long span = static_cast<long long>(period) * alarm.evaluation_periods;
  const long long limit = period < 3600 ? 86400 : 604800;
  if (span > limit)
    fail(origin, name, fmt::format("Period x EvaluationPeriods = {}s exceeds {}s", span, limit));

  const bool has_statistic = properties.contains("Statistic");
  const bool has_extended = properties.contains("ExtendedStatistic");
  if (has_statistic == has_extended)
    fail(origin, name, "exactly one of Statistic and ExtendedStatistic is required");
  if (has_statistic) {
    alarm.statistic = parse_statistic(text_of(properties, "Statistic", origin, name));
    if (alarm.statistic.kind == Statistic::Kind::kPercentile)
      fail(origin, name, "a percentile goes in ExtendedStatistic, not Statistic");
  } else {
    alarm.statistic = parse_statistic(text_of(properties, "ExtendedStatistic", origin, name));
    alarm.extended_statistic = true;
    if (alarm.statistic.kind != Statistic::Kind::kPercentile)
      fail(origin, name, "ExtendedStatistic must be a percentile such as p99");
  }

  try {
    alarm.comparison = parse_comparison(text_of(properties, "ComparisonOperator", origin, name));
    if (properties.contains("TreatMissingData"))
      alarm.treat_missing_data =
          parse_treat_missing_data(text_of(properties, "TreatMissingData", origin, name));
  } catch (const core::InvalidInput& e) {
    fail(origin, name, e.what());
  }
  if (!properties.contains("Threshold") || !properties["Threshold"].is_number())
    fail(origin, name, "Threshold must be a number");
  alarm.threshold = properties["Threshold"].get<double>();
  if (properties.contains("EvaluateLowSampleCountPercentile")) {
    const auto mode = text_of(properties, "EvaluateLowSampleCountPercentile", origin, name);
    if (mode != "evaluate" && mode != "ignore")
      fail(origin, name, "EvaluateLowSampleCountPercentile must be evaluate or ignore");
    alarm.evaluate_low_sample_count_percentile = mode == "evaluate";
  }
  if (properties.contains("ActionsEnabled")) {
    if (!properties["ActionsEnabled"].is_boolean())
      fail(origin, name, "ActionsEnabled must be a boolean");
    alarm.actions_enabled = properties["ActionsEnabled"].get<bool>();
  }
  alarm.alarm_actions = actions_of(properties, "AlarmActions", topics, origin, name);
  alarm.ok_actions = actions_of(properties, "OKActions", topics, origin, name);
  alarm.insufficient_data_actions =
      actions_of(properties, "InsufficientDataActions", topics, origin, name);
  return alarm;
}

}  // namespace

std::string comparison_name(ComparisonOperator comparison) {
  switch (comparison) {
    case ComparisonOperator::kGreaterThanOrEqualToThreshold:
      return "GreaterThanOrEqualToThreshold";
    case ComparisonOperator::kGreaterThanThreshold:
      return "GreaterThanThreshold";
    case ComparisonOperator::kLessThanThreshold:
      return "LessThanThreshold";
    case ComparisonOperator::kLessThanOrEqualToThreshold:
      return "LessThanOrEqualToThreshold";
  }
  return "?";
}

ComparisonOperator parse_comparison(const std::string& text) {
  for (auto op : {ComparisonOperator::kGreaterThanOrEqualToThreshold,
                  ComparisonOperator::kGreaterThanThreshold, ComparisonOperator::kLessThanThreshold,
                  ComparisonOperator::kLessThanOrEqualToThreshold})
    if (comparison_name(op) == text) return op;
  throw core::InvalidInput(fmt::format("unsupported ComparisonOperator '{}'", text));
}

std::string treat_missing_data_name(TreatMissingData mode) {
  switch (mode) {
    case TreatMissingData::kMissing:
      return "missing";
    case TreatMissingData::kNotBreaching:
      return "notBreaching";
    case TreatMissingData::kBreaching:
      return "breaching";
    case TreatMissingData::kIgnore:
      return "ignore";
  }
  return "?";
}

TreatMissingData parse_treat_missing_data(const std::string& text) {
  for (auto mode : {TreatMissingData::kMissing, TreatMissingData::kNotBreaching,
                    TreatMissingData::kBreaching, TreatMissingData::kIgnore})
    if (treat_missing_data_name(mode) == text) return mode;
  throw core::InvalidInput(
      fmt::format("TreatMissingData '{}' is not missing, notBreaching, breaching or ignore", text));
}

bool breaches(ComparisonOperator comparison, double value, double threshold) {
  switch (comparison) {
    case ComparisonOperator::kGreaterThanOrEqualToThreshold:
      return value >= threshold;
    case ComparisonOperator::kGreaterThanThreshold:
      return value > threshold;
    case ComparisonOperator::kLessThanThreshold:
      return value < threshold;
    case ComparisonOperator::kLessThanOrEqualToThreshold:
      return value <= threshold;
  }
  return false;
}

AlarmDocument parse_alarm_document(const json& document, const std::string& origin) {
  if (!document.is_object() || !document.contains("Resources") ||
      !document["Resources"].is_object())
    throw core::InvalidInput(origin + ": an alarm document needs a \"Resources\" object");
  AlarmDocument result;
  std::map<std::string, std::string> topics;
  for (const auto& [logical_id, resource] : document["Resources"].items()) {
    if (resource.value("Type", "") != "AWS::SNS::Topic") continue;
    TopicDefinition topic;
    topic.logical_id = logical_id;
    const auto properties = resource.value("Properties", json::object());
    topic.topic_name = properties.value("TopicName", logical_id);
    topic.subscriptions = properties.value("Subscription", json::array());
    topics[logical_id] = topic.topic_name;
    result.topics.push_back(std::move(topic));
  }
  std::set<std::string> names;
  for (const auto& [logical_id, resource] : document["Resources"].items()) {
    const auto type = resource.value("Type", "");
    if (type == "AWS::SNS::Topic") continue;
    if (type != "AWS::CloudWatch::Alarm")
      throw core::InvalidInput(
          fmt::format("{}: resource '{}' has unsupported Type '{}'", origin, logical_id, type));
    auto alarm = parse_alarm(logical_id, resource.value("Properties", json()), topics, origin);
    if (!names.insert(alarm.alarm_name).second)
      throw core::InvalidInput(
          fmt::format("{}: duplicate AlarmName '{}'", origin, alarm.alarm_name));
    result.alarms.push_back(std::move(alarm));
  }
  return result;
}

}  // namespace ae::ops
