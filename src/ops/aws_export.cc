#include "ops/aws_export.h"

#include <fmt/format.h>

#include <regex>

#include "core/error.h"
#include "ops/definition_stamp.h"

namespace ae::ops {

namespace {

using nlohmann::json;

constexpr const char* kLambdaInvoke = "arn:aws:states:::lambda:invoke";
constexpr const char* kSendCommand = "arn:aws:states:::aws-sdk:ssm:sendCommand";
constexpr const char* kTimezone = "America/Los_Angeles";
constexpr const char* kStateMachineRole = "StateMachineRole";
constexpr const char* kSchedulerRole = "SchedulerRole";

struct Schedule {
  const char* pipeline;
  const char* expression;
};
constexpr Schedule kSchedules[] = {{"weekday", "cron(5 6 ? * MON-FRI *)"},
                                   {"saturday", "cron(0 17 ? * FRI *)"}};

std::string logical_name(const std::string& pipeline) {
  std::string name = pipeline;
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

std::string machine_id(const std::string& pipeline) {
  return logical_name(pipeline) + "PipelineStateMachine";
}

std::string lambda_arn(const std::string& function, const AwsExportOptions& options) {
  return fmt::format("arn:aws:lambda:{}:{}:function:{}:live", options.region, options.account,
                     function);
}

// Calls visit(task_object) for every Task state, in Parallel branches and Map
// iterators too (any object with "Type": "Task" under States).
template <typename Json, typename Visit>
void for_each_task(Json& node, const Visit& visit) {
  if (node.is_object()) {
    if (node.contains("Type") && node["Type"] == "Task") visit(node);
    for (auto& [key, value] : node.items()) for_each_task(value, visit);
  } else if (node.is_array()) {
    for (auto& value : node) for_each_task(value, visit);
  }
}

void map_placeholder_arns(json& node, const AwsExportOptions& options) {
  static const std::regex kArn(R"(^arn:aws:([a-z0-9-]+):[a-z0-9-]*:000000000000:(.*)$)");
  if (node.is_string()) {
    node = std::regex_replace(node.get<std::string>(), kArn,
                              fmt::format("arn:aws:$1:{}:{}:$2", options.region, options.account));
  } else if (node.is_structured()) {
    for (auto& [key, value] : node.items()) map_placeholder_arns(value, options);
  }
}

std::set<std::string> ssm_documents(const json& definition) {
  std::set<std::string> documents;
  for_each_task(definition, [&](const json& task) {
    if (task.value("Resource", "") != kSendCommand || !task.contains("Parameters")) return;
    const auto& parameters = task["Parameters"];
    if (parameters.contains("DocumentName") && parameters["DocumentName"].is_string())
      documents.insert(parameters["DocumentName"].get<std::string>());
    else
      throw core::InvalidInput(
          "ssm:sendCommand task without a literal DocumentName cannot be scoped in IAM");
  });
  return documents;
}

json statement(const std::vector<std::string>& actions, json resources) {
  return {{"Effect", "Allow"}, {"Action", actions}, {"Resource", std::move(resources)}};
}

json instance_arn(const std::string& parameter, const AwsExportOptions& options) {
  return {{"Fn::Sub", fmt::format("arn:aws:ec2:{}:{}:instance/${{{}}}", options.region,
                                  options.account, parameter)}};
}

json role(const std::string& name, const std::string& service, const std::string& policy,
          json statements) {
  return {
      {"Type", "AWS::IAM::Role"},
      {"Properties",
       {{"RoleName", name},
        {"AssumeRolePolicyDocument",
         {{"Version", "2012-10-17"},
          {"Statement", json::array({{{"Effect", "Allow"},
                                      {"Principal", {{"Service", service}}},
                                      {"Action", "sts:AssumeRole"}}})}}},
        {"Policies",
         json::array({{{"PolicyName", policy},
                       {"PolicyDocument",
                        {{"Version", "2012-10-17"}, {"Statement", std::move(statements)}}}}})}}}};
}

std::string topic_id(const json& alarms) {
  std::string found;
  for (const auto& [id, resource] : alarms.at("Resources").items())
    if (resource.value("Type", "") == "AWS::SNS::Topic") {
      if (!found.empty())
        throw core::InvalidInput("alarm document has more than one AWS::SNS::Topic");
      found = id;
    }
  if (found.empty()) throw core::InvalidInput("alarm document has no AWS::SNS::Topic");
  return found;
}

// The repository's execution-failed alarms watch the local engine's metric;
// on AWS the same condition is AWS/States ExecutionsFailed + TimedOut +
// Aborted for the machine's ARN (metric math).
void map_execution_alarm(json& properties, const std::map<std::string, json>& pipelines) {
  if (properties.value("Namespace", "") != "AlphaEngine/Pipelines" ||
      properties.value("MetricName", "") != "ExecutionsFailed" ||
      !properties.contains("Dimensions"))
    return;
  std::string machine;  // logical id of the exported machine the alarm watches
  for (const auto& dimension : properties["Dimensions"]) {
    if (dimension.value("Name", "") != "StateMachine") continue;
    const auto value = dimension.value("Value", "");
    for (const auto& [pipeline, definition] : pipelines)
      if (value == "alpha-engine-" + pipeline + "-pipeline" || value == pipeline)
        machine = machine_id(pipeline);
  }
  if (machine.empty()) return;
  const json stat = properties.contains("Statistic") ? properties["Statistic"]
                                                     : properties.at("ExtendedStatistic");
  json metrics = json::array();
  std::string expression;
  for (const auto* metric : {"ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted"}) {
    const std::string id = fmt::format("m{}", metrics.size());
    expression += fmt::format("{}FILL({}, 0)", expression.empty() ? "" : " + ", id);
    metrics.push_back({{"Id", id},
                       {"ReturnData", false},
                       {"MetricStat",
                        {{"Metric",
                          {{"Namespace", "AWS/States"},
                           {"MetricName", metric},
                           {"Dimensions", json::array({{{"Name", "StateMachineArn"},
                                                        {"Value", {{"Ref", machine}}}}})}}},
                         {"Period", properties.at("Period")},
                         {"Stat", stat}}}});
  }
  metrics.push_back({{"Id", "failed"},
                     {"Expression", expression},
                     {"Label", "failed, timed out or aborted executions"},
                     {"ReturnData", true}});
  for (const auto* key : {"Namespace", "MetricName", "Dimensions", "Statistic", "ExtendedStatistic",
                          "Period", "Unit"})
    properties.erase(key);
  properties["Metrics"] = std::move(metrics);
}

}  // namespace

void check_export_options(const AwsExportOptions& options) {
  if (!std::regex_match(options.account, std::regex("[0-9]{12}")))
    throw core::InvalidInput(
        fmt::format("--account '{}' is not a 12-digit AWS account id", options.account));
  if (options.account == kPlaceholderAccount)
    throw core::InvalidInput("--account 000000000000 is the repository's placeholder");
  if (!std::regex_match(options.region, std::regex("[a-z]{2}(-[a-z]+)+-[0-9]+")))
    throw core::InvalidInput(fmt::format("--region '{}' is not an AWS region", options.region));
  if (!std::regex_match(options.prefix, std::regex("[A-Za-z0-9][A-Za-z0-9-]{0,40}")))
    throw core::InvalidInput(
        fmt::format("--prefix '{}' must be 1-41 letters, digits or '-'", options.prefix));
}

std::string state_machine_name(const std::string& pipeline, const AwsExportOptions& options) {
  return fmt::format("{}-{}-pipeline", options.prefix, pipeline);
}

std::set<std::string> lambda_functions(const json& definition) {
  std::set<std::string> functions;
  for (const auto& reference : task_references(definition))
    if (reference.function && !reference.function->empty()) functions.insert(*reference.function);
  return functions;
}

json export_definition(const json& definition, const AwsExportOptions& options) {
  check_export_options(options);
  json exported = definition;
  for_each_task(exported, [&](json& task) {
    if (task.value("Resource", "") != kLambdaInvoke || !task.contains("Parameters")) return;
    auto& parameters = task["Parameters"];
    if (parameters.contains("FunctionName.$"))
      throw core::InvalidInput(
          fmt::format("a lambda:invoke task takes its FunctionName from a path ({}); the export "
                      "needs a literal "
                      "name to map it and to scope the IAM grant",
                      parameters["FunctionName.$"].dump()));
    if (!parameters.contains("FunctionName") || !parameters["FunctionName"].is_string()) return;
    const auto name = parameters["FunctionName"].get<std::string>();
    if (name.rfind("arn:", 0) != 0) parameters["FunctionName"] = lambda_arn(name, options);
  });
  map_placeholder_arns(exported, options);
  return stamp_definition(std::move(exported), options.git_sha);
}

json export_template(const std::map<std::string, json>& pipelines, const json& alarms,
                     const AwsExportOptions& options) {
  check_export_options(options);
  json resources = json::object();
  const auto topic = topic_id(alarms);
  for (const auto& item : alarms.at("Resources").items()) {
    json resource = item.value();
    if (resource.value("Type", "") == "AWS::CloudWatch::Alarm")
      map_execution_alarm(resource["Properties"], pipelines);
    resources[item.key()] = std::move(resource);
  }

  std::set<std::string> functions, documents;
  for (const auto& [pipeline, definition] : pipelines) {
    functions.merge(lambda_functions(definition));
    documents.merge(ssm_documents(definition));
    resources[machine_id(pipeline)] = {
        {"Type", "AWS::StepFunctions::StateMachine"},
        {"Properties",
         {{"StateMachineName", state_machine_name(pipeline, options)},
          {"StateMachineType", "STANDARD"},
          {"DefinitionString", definition.dump(2)},
          {"RoleArn", {{"Fn::GetAtt", {kStateMachineRole, "Arn"}}}}}}};
  }

  json lambda_resources = json::array();
  for (const auto& function : functions) lambda_resources.push_back(lambda_arn(function, options));
  json ssm_resources = json::array();
  for (const auto& document : documents)
    ssm_resources.push_back(fmt::format("arn:aws:ssm:{}::document/{}", options.region, document));
  const json instances = {instance_arn("Ec2InstanceId", options),
                          instance_arn("TradingInstanceId", options)};
  for (const auto& instance : instances) ssm_resources.push_back(instance);
  json machine_statements = json::array();
  if (!lambda_resources.empty())
    machine_statements.push_back(statement({"lambda:InvokeFunction"}, lambda_resources));
  machine_statements.push_back(statement({"ssm:SendCommand"}, ssm_resources));
  // GetCommandInvocation has no resource-level permissions in IAM.
  machine_statements.push_back(statement({"ssm:GetCommandInvocation"}, "*"));
  machine_statements.push_back(statement({"sns:Publish"}, json::array({{{"Ref", topic}}})));
  machine_statements.push_back(statement({"ec2:StartInstances", "ec2:StopInstances"}, instances));
  resources[kStateMachineRole] =
      role(options.prefix + "-state-machines", "states.amazonaws.com",
           options.prefix + "-state-machines", std::move(machine_statements));

  json scheduled = json::array();
  const json input = {
      {"Fn::Sub",
       R"({"ec2_instance_id": ["${Ec2InstanceId}"], "trading_instance_id": ["${TradingInstanceId}"]})"}};
  for (const auto& schedule : kSchedules) {
    if (!pipelines.contains(schedule.pipeline))
      throw core::InvalidInput(
          fmt::format("the scheduled pipeline '{}' is not exported", schedule.pipeline));
    scheduled.push_back({{"Ref", machine_id(schedule.pipeline)}});
    resources[logical_name(schedule.pipeline) + "Schedule"] = {
        {"Type", "AWS::Scheduler::Schedule"},
        {"Properties",
         {{"Name", fmt::format("{}-{}", options.prefix, schedule.pipeline)},
          {"ScheduleExpression", schedule.expression},
          {"ScheduleExpressionTimezone", kTimezone},
          {"FlexibleTimeWindow", {{"Mode", "OFF"}}},
          {"State", "ENABLED"},
          {"Target",
           {{"Arn", {{"Ref", machine_id(schedule.pipeline)}}},
            {"RoleArn", {{"Fn::GetAtt", {kSchedulerRole, "Arn"}}}},
            {"Input", input}}}}}};
  }
  resources[kSchedulerRole] =
      role(options.prefix + "-scheduler", "scheduler.amazonaws.com", options.prefix + "-scheduler",
           json::array({statement({"states:StartExecution"}, std::move(scheduled))}));

  json parameters = json::object();
  for (const auto* name : {"Ec2InstanceId", "TradingInstanceId"})
    parameters[name] = {{"Type", "AWS::EC2::Instance::Id"},
                        {"Description", "Passed to the pipelines as execution input"}};
  return {{"AWSTemplateFormatVersion", "2010-09-09"},
          {"Description",
           fmt::format("alpha-engine pipelines for AWS (ae deploy export, git {}); the eod "
                       "pipeline has no schedule: the intraday daemon starts it",
                       options.git_sha)},
          {"Parameters", std::move(parameters)},
          {"Resources", std::move(resources)}};
}

}  // namespace ae::ops
