// Alarm definitions as CloudFormation writes them: the `Properties` of an
// `AWS::CloudWatch::Alarm` resource (AlarmName, Namespace, MetricName,
// Dimensions, Period, EvaluationPeriods, DatapointsToAlarm, Statistic or
// ExtendedStatistic, ComparisonOperator, Threshold, TreatMissingData,
// EvaluateLowSampleCountPercentile, ActionsEnabled, AlarmActions, OKActions,
// InsufficientDataActions). A document (pipelines/alarms.json) is a template
// fragment {"Resources": {...}} holding alarms and the SNS topics their actions
// name ({"Ref": "AlertsTopic"} resolves to that topic's TopicName; a plain
// string is a topic name or an SNS ARN whose last field is the topic name).
// Parsing validates every rule CloudWatch enforces (period values, the
// Period x EvaluationPeriods limits, M <= N, one statistic, the four static
// operators, the four missing-data modes) and throws InvalidInput naming the
// alarm and the property.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ops/metric_store.h"
#include "ops/statistics.h"

namespace ae::ops {

enum class ComparisonOperator {
  kGreaterThanOrEqualToThreshold,
  kGreaterThanThreshold,
  kLessThanThreshold,
  kLessThanOrEqualToThreshold,
};

enum class TreatMissingData { kMissing, kNotBreaching, kBreaching, kIgnore };

struct AlarmDefinition {
  std::string logical_id;
  std::string alarm_name;
  std::string description;
  MetricSeries metric;
  std::chrono::seconds period{60};
  int evaluation_periods = 1;   // N
  int datapoints_to_alarm = 1;  // M
  Statistic statistic;
  bool extended_statistic = false;  // came from ExtendedStatistic
  ComparisonOperator comparison = ComparisonOperator::kGreaterThanOrEqualToThreshold;
  double threshold = 0;
  TreatMissingData treat_missing_data = TreatMissingData::kMissing;
  bool evaluate_low_sample_count_percentile = true;  // "evaluate" (default) vs "ignore"
  bool actions_enabled = true;
  std::vector<std::string> alarm_actions;  // topic names
  std::vector<std::string> ok_actions;
  std::vector<std::string> insufficient_data_actions;
};

struct TopicDefinition {
  std::string logical_id;
  std::string topic_name;
  nlohmann::json subscriptions = nlohmann::json::array();  // CFN Subscription list
};

struct AlarmDocument {
  std::vector<AlarmDefinition> alarms;
  std::vector<TopicDefinition> topics;
};

AlarmDocument parse_alarm_document(const nlohmann::json& document, const std::string& origin);

std::string comparison_name(ComparisonOperator comparison);
ComparisonOperator parse_comparison(const std::string& text);
std::string treat_missing_data_name(TreatMissingData mode);
TreatMissingData parse_treat_missing_data(const std::string& text);

// `value <op> threshold` (the statistic is the left operand).
bool breaches(ComparisonOperator comparison, double value, double threshold);

}  // namespace ae::ops
