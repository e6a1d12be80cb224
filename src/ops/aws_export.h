// AWS export of the pipelines: pure functions from the repository's JSON
// (state-machine definitions, pipelines/alarms.json) and options to the JSON
// documents `ae deploy export --aws DIR` writes. Nothing here reads files or
// the clock.
//   - export_definition: a copy of the definition, stamped "[git:<sha>]" like
//     `ae deploy` (definition_stamp.h), with every `lambda:invoke` FunctionName
//     that is a bare name turned into
//     arn:aws:lambda:REGION:ACCOUNT:function:NAME:live, and every ARN written
//     with the placeholder account 000000000000 (e.g. the SNS topic default)
//     moved to REGION/ACCOUNT. EC2 instance ids stay execution input
//     (InstanceIds.$ paths and the "local-*" defaults are left as written).
//     InvalidInput for a lambda:invoke whose FunctionName comes from a path
//     ("FunctionName.$"): it could be neither mapped nor scoped in IAM.
//   - export_template: a CloudFormation template (a JSON object) holding
//       * the alarms and the SNS topic of the alarm document, copied as written,
//         except that an execution-failed alarm on one of the exported machines
//         (Namespace AlphaEngine/Pipelines, dimension StateMachine) is mapped to
//         the metric AWS emits (AWS/States ExecutionsFailed, StateMachineArn);
//       * one AWS::StepFunctions::StateMachine per pipeline, named
//         "<prefix>-<pipeline>-pipeline", DefinitionString the exported
//         definition as text, RoleArn the state-machine role;
//       * AWS::Scheduler::Schedule for the scheduled pipelines (weekday
//         cron(5 6 ? * MON-FRI *), saturday cron(0 17 ? * FRI *)), each with
//         ScheduleExpressionTimezone America/Los_Angeles; eod has no schedule
//         (the intraday daemon starts it);
//       * two IAM roles with least privilege: the state-machine role may only
//         lambda:InvokeFunction on the functions the definitions name (their
//         :live ARNs), ssm:SendCommand (the documents used, the two instances)
//         and ssm:GetCommandInvocation, sns:Publish on the topic, and
//         ec2:StartInstances/StopInstances on the two instances; the
//         scheduler role only states:StartExecution on the scheduled machines;
//       * Parameters Ec2InstanceId and TradingInstanceId, passed by the
//         schedules as execution input.
//     InvalidInput when the alarm document has no AWS::SNS::Topic, a
//     scheduled pipeline is missing, or an option is malformed (account not
//     12 digits, empty region or prefix).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace ae::ops {

struct AwsExportOptions {
  std::string account = "123456789012";
  std::string region = "us-east-1";
  std::string prefix = "alpha-engine";
  std::string git_sha;  // stamped into each definition's Comment
};

// The account every repository ARN is written with.
inline constexpr const char* kPlaceholderAccount = "000000000000";

void check_export_options(const AwsExportOptions& options);

nlohmann::json export_definition(const nlohmann::json& definition, const AwsExportOptions& options);

// Lambda function names called by a definition (bare names, no qualifier).
std::set<std::string> lambda_functions(const nlohmann::json& definition);

// pipelines: pipeline name ("weekday", "saturday", "eod") -> exported definition.
nlohmann::json export_template(const std::map<std::string, nlohmann::json>& pipelines,
                               const nlohmann::json& alarms, const AwsExportOptions& options);

// The state machine name of a pipeline: "<prefix>-<pipeline>-pipeline".
std::string state_machine_name(const std::string& pipeline, const AwsExportOptions& options);

}  // namespace ae::ops
