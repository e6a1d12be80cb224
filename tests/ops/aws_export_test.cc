// The AWS export (ops/aws_export.h) of the repository's pipelines and alarms:
// the resource shapes documented in docs/operations.md ("AWS export"), the
// ARN mapping, the schedules' time zone and the IAM actions, exactly.
#include "ops/aws_export.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "core/atomic_file.h"
#include "core/error.h"
#include "ops/definition_stamp.h"
#include "support/test_support.h"

namespace ae::ops {
namespace {

using nlohmann::json;

const char* const kSha = "0123456789abcdef0123456789abcdef01234567";

AwsExportOptions options() {
  AwsExportOptions result;
  result.account = "111122223333";
  result.region = "eu-west-1";
  result.prefix = "ae-test";
  result.git_sha = kSha;
  return result;
}

json repository_file(const std::string& name) {
  return json::parse(core::read_file(test::source_path("pipelines/" + name)));
}

std::map<std::string, json> exported_pipelines() {
  std::map<std::string, json> pipelines;
  for (const auto* name : {"weekday", "saturday", "eod"})
    pipelines[name] =
        export_definition(repository_file(std::string(name) + ".asl.json"), options());
  return pipelines;
}

json exported_template() {
  return export_template(exported_pipelines(), repository_file("alarms.json"), options());
}

// Every string anywhere in a JSON document.
void collect_strings(const json& node, std::vector<std::string>& out) {
  if (node.is_string()) out.push_back(node.get<std::string>());
  if (node.is_structured())
    for (const auto& value : node) collect_strings(value, out);
}

std::map<std::string, json> resources_of_type(const json& stack, const std::string& type) {
  std::map<std::string, json> found;
  for (const auto& item : stack.at("Resources").items())
    if (item.value().at("Type") == type) found[item.key()] = item.value();
  return found;
}

// action -> resources granted, over every statement of a role's policies.
std::map<std::string, json> granted(const json& role) {
  std::map<std::string, json> actions;
  for (const auto& policy : role.at("Properties").at("Policies"))
    for (const auto& statement : policy.at("PolicyDocument").at("Statement")) {
      EXPECT_EQ(statement.at("Effect"), "Allow");
      for (const auto& action : statement.at("Action")) actions[action] = statement.at("Resource");
    }
  return actions;
}

TEST(AwsExport, LambdaFunctionNamesBecomeLiveAliasArns) {
  const auto pipelines = exported_pipelines();
  std::set<std::string> seen;
  for (const auto& [name, definition] : pipelines) {
    std::vector<std::string> strings;
    collect_strings(definition, strings);
    for (const auto& text : strings)
      if (text.find("function:") != std::string::npos) seen.insert(text);
  }
  EXPECT_TRUE(seen.contains(
      "arn:aws:lambda:eu-west-1:111122223333:function:alpha-engine-predictor-inference:live"));
  EXPECT_TRUE(seen.contains(
      "arn:aws:lambda:eu-west-1:111122223333:function:alpha-engine-research-runner:live"));
  // No lambda:invoke task is left with a bare function name.
  for (const auto& [name, definition] : pipelines)
    for (const auto& reference : task_references(definition))
      if (reference.resource == "arn:aws:states:::lambda:invoke") {
        ASSERT_TRUE(reference.function.has_value()) << name << " " << reference.state;
      }
  const auto weekday = pipelines.at("weekday").dump();
  EXPECT_EQ(weekday.find("\"FunctionName\":\"alpha-engine-"), std::string::npos);
}

TEST(AwsExport, NoPlaceholderAccountOrRegionIsLeft) {
  std::vector<std::string> strings;
  for (const auto& [name, definition] : exported_pipelines()) collect_strings(definition, strings);
  collect_strings(exported_template(), strings);
  bool topic_mapped = false;
  for (const auto& text : strings) {
    EXPECT_EQ(text.find(kPlaceholderAccount), std::string::npos) << text;
    if (text.starts_with("arn:aws:") && !text.starts_with("arn:aws:states:::")) {
      EXPECT_EQ(text.find("us-east-1"), std::string::npos) << text;
    }
    topic_mapped |= text == "arn:aws:sns:eu-west-1:111122223333:alpha-engine-alerts";
  }
  EXPECT_TRUE(topic_mapped) << "the sns_topic_arn default was not mapped";
}

TEST(AwsExport, InstanceIdsStayExecutionInput) {
  const auto weekday = exported_pipelines().at("weekday").dump();
  EXPECT_NE(weekday.find("\"InstanceIds.$\":\"$.trading_instance_id\""), std::string::npos);
}

TEST(AwsExport, CommentIsStampedLikeDeploy) {
  for (const auto& [name, definition] : exported_pipelines()) {
    EXPECT_EQ(stamp_of(definition), kSha) << name;
    EXPECT_EQ(definition_hash(definition),
              definition_hash(export_definition(repository_file(name + ".asl.json"),
                                                [] {
                                                  auto other = options();
                                                  other.git_sha = "fedcba9";
                                                  return other;
                                                }())))
        << name << ": the content hash must not depend on the stamp";
  }
}

TEST(AwsExport, StateMachinesHaveTheirDefinitionAndRole) {
  const auto stack = exported_template();
  const auto pipelines = exported_pipelines();
  const auto machines = resources_of_type(stack, "AWS::StepFunctions::StateMachine");
  ASSERT_EQ(machines.size(), 3U);
  std::set<std::string> names;
  for (const auto& [id, machine] : machines) {
    const auto& properties = machine.at("Properties");
    names.insert(properties.at("StateMachineName").get<std::string>());
    ASSERT_TRUE(properties.at("DefinitionString").is_string()) << id;
    const auto definition = json::parse(properties.at("DefinitionString").get<std::string>());
    bool matches_a_file = false;
    for (const auto& [name, exported] : pipelines) matches_a_file |= definition == exported;
    EXPECT_TRUE(matches_a_file) << id << ": DefinitionString is not an exported definition";
    EXPECT_EQ(properties.at("RoleArn"),
              json::parse(R"({"Fn::GetAtt": ["StateMachineRole", "Arn"]})"));
  }
  EXPECT_EQ(names, (std::set<std::string>{"ae-test-weekday-pipeline", "ae-test-saturday-pipeline",
                                          "ae-test-eod-pipeline"}));
}

TEST(AwsExport, AlarmsAndTopicAreTheRepositoryOnes) {
  const auto stack = exported_template();
  const auto alarms = repository_file("alarms.json");
  for (const auto& item : alarms.at("Resources").items()) {
    ASSERT_TRUE(stack.at("Resources").contains(item.key())) << item.key();
    const auto& exported = stack.at("Resources").at(item.key());
    EXPECT_EQ(exported.at("Type"), item.value().at("Type"));
    const auto& properties = exported.at("Properties");
    if (item.value().at("Type") == "AWS::SNS::Topic") {
      EXPECT_EQ(exported, item.value());
      continue;
    }
    for (const auto* key : {"AlarmName", "ComparisonOperator", "EvaluationPeriods", "Threshold",
                            "TreatMissingData", "AlarmActions", "DatapointsToAlarm"})
      EXPECT_EQ(properties.at(key), item.value().at("Properties").at(key)) << item.key() << key;
    // Either a single metric or metric math, never both (CloudFormation).
    EXPECT_NE(properties.contains("MetricName"), properties.contains("Metrics")) << item.key();
  }
}

TEST(AwsExport, ExecutionFailedAlarmsWatchTheAwsMetricOfTheirMachine) {
  const auto stack = exported_template();
  const auto& properties =
      stack.at("Resources").at("WeekdayPipelineExecutionFailed").at("Properties");
  ASSERT_TRUE(properties.contains("Metrics"));
  std::set<std::string> metrics;
  for (const auto& query : properties.at("Metrics")) {
    if (!query.contains("MetricStat")) {
      EXPECT_TRUE(query.at("ReturnData").get<bool>());
      continue;
    }
    const auto& metric = query.at("MetricStat").at("Metric");
    EXPECT_EQ(metric.at("Namespace"), "AWS/States");
    EXPECT_EQ(metric.at("Dimensions")[0].at("Value"),
              json::parse(R"({"Ref": "WeekdayPipelineStateMachine"})"));
    metrics.insert(metric.at("MetricName").get<std::string>());
  }
  EXPECT_EQ(metrics,
            (std::set<std::string>{"ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted"}));
  for (const auto* pipeline : {"Saturday", "Eod"}) {
    const auto& queries = stack.at("Resources")
                              .at(std::string(pipeline) + "PipelineExecutionFailed")
                              .at("Properties")
                              .at("Metrics");
    EXPECT_EQ(queries[0].at("MetricStat").at("Metric").at("Dimensions")[0].at("Value").at("Ref"),
              std::string(pipeline) + "PipelineStateMachine");
  }
  // The heartbeat alarms are custom metrics emitted by our modules: unchanged.
  EXPECT_EQ(stack.at("Resources").at("ExecutorDaemonHeartbeat"),
            repository_file("alarms.json").at("Resources").at("ExecutorDaemonHeartbeat"));
}

TEST(AwsExport, SchedulesRunInLosAngelesTime) {
  const auto stack = exported_template();
  const auto schedules = resources_of_type(stack, "AWS::Scheduler::Schedule");
  ASSERT_EQ(schedules.size(), 2U) << "weekday and saturday only; eod is started by the daemon";
  std::map<std::string, std::string> expressions;
  for (const auto& [id, schedule] : schedules) {
    const auto& properties = schedule.at("Properties");
    EXPECT_EQ(properties.at("ScheduleExpressionTimezone"), "America/Los_Angeles") << id;
    EXPECT_EQ(properties.at("FlexibleTimeWindow").at("Mode"), "OFF") << id;
    const auto& target = properties.at("Target");
    EXPECT_EQ(target.at("RoleArn"), json::parse(R"({"Fn::GetAtt": ["SchedulerRole", "Arn"]})"));
    expressions[target.at("Arn").at("Ref").get<std::string>()] =
        properties.at("ScheduleExpression").get<std::string>();
    EXPECT_TRUE(target.contains("Input")) << id;
  }
  EXPECT_EQ(expressions, (std::map<std::string, std::string>{
                             {"WeekdayPipelineStateMachine", "cron(5 6 ? * MON-FRI *)"},
                             {"SaturdayPipelineStateMachine", "cron(0 17 ? * FRI *)"}}));
}

TEST(AwsExport, StateMachineRoleHasExactlyTheListedActions) {
  const auto stack = exported_template();
  const auto& role = stack.at("Resources").at("StateMachineRole");
  EXPECT_EQ(role.at("Type"), "AWS::IAM::Role");
  EXPECT_EQ(role.at("Properties").at("AssumeRolePolicyDocument").at("Statement")[0].at("Principal"),
            json::parse(R"({"Service": "states.amazonaws.com"})"));
  const auto actions = granted(role);
  std::set<std::string> names;
  for (const auto& [action, resource] : actions) names.insert(action);
  EXPECT_EQ(names, (std::set<std::string>{"lambda:InvokeFunction", "ssm:SendCommand",
                                          "ssm:GetCommandInvocation", "sns:Publish",
                                          "ec2:StartInstances", "ec2:StopInstances"}));
  EXPECT_EQ(actions.at("lambda:InvokeFunction"), json::parse(R"([
              "arn:aws:lambda:eu-west-1:111122223333:function:alpha-engine-data-collector:live",
              "arn:aws:lambda:eu-west-1:111122223333:function:alpha-engine-drift-detection:live",
              "arn:aws:lambda:eu-west-1:111122223333:function:alpha-engine-predictor-health-check:live",
              "arn:aws:lambda:eu-west-1:111122223333:function:alpha-engine-predictor-inference:live",
              "arn:aws:lambda:eu-west-1:111122223333:function:alpha-engine-research-runner:live"])"));
  EXPECT_EQ(actions.at("sns:Publish"), json::parse(R"([{"Ref": "AlertsTopic"}])"));
  for (const auto* ec2 : {"ec2:StartInstances", "ec2:StopInstances"})
    for (const auto& resource : actions.at(ec2))
      EXPECT_TRUE(resource.contains("Fn::Sub")) << ec2 << " must be scoped to the two instances";
}

TEST(AwsExport, SchedulerRoleMayOnlyStartTheScheduledMachines) {
  const auto stack = exported_template();
  const auto& role = stack.at("Resources").at("SchedulerRole");
  EXPECT_EQ(role.at("Properties").at("AssumeRolePolicyDocument").at("Statement")[0].at("Principal"),
            json::parse(R"({"Service": "scheduler.amazonaws.com"})"));
  const auto actions = granted(role);
  ASSERT_EQ(actions.size(), 1U);
  EXPECT_EQ(actions.at("states:StartExecution"),
            json::parse(R"([{"Ref": "WeekdayPipelineStateMachine"},
                            {"Ref": "SaturdayPipelineStateMachine"}])"));
}

TEST(AwsExport, RejectsMalformedOptions) {
  auto bad = options();
  bad.account = "1234";
  EXPECT_THROW(export_definition(repository_file("eod.asl.json"), bad), core::InvalidInput);
  bad = options();
  bad.account = kPlaceholderAccount;
  EXPECT_THROW(export_definition(repository_file("eod.asl.json"), bad), core::InvalidInput);
  bad = options();
  bad.region = "Mars";
  EXPECT_THROW(export_definition(repository_file("eod.asl.json"), bad), core::InvalidInput);
}

TEST(AwsExport, RejectsAFunctionNameTakenFromAPath) {
  const auto definition = json::parse(R"({
    "StartAt": "Call",
    "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName.$": "$.function"}, "End": true}}})");
  EXPECT_THROW(export_definition(definition, options()), core::InvalidInput);
}

TEST(AwsExport, TemplateNeedsTheTopicAndTheScheduledPipelines) {
  auto alarms = repository_file("alarms.json");
  alarms["Resources"].erase("AlertsTopic");
  EXPECT_THROW(export_template(exported_pipelines(), alarms, options()), core::InvalidInput);
  auto pipelines = exported_pipelines();
  pipelines.erase("saturday");
  EXPECT_THROW(export_template(pipelines, repository_file("alarms.json"), options()),
               core::InvalidInput);
}

}  // namespace
}  // namespace ae::ops
