#include "states/builtin_resources.h"

#include <spdlog/spdlog.h>

#include <map>

#include "core/clock.h"
#include "core/subprocess.h"
#include "states/digest.h"
#include "states/failure.h"

namespace ae::states {
namespace {

// What a command started by a task sees besides this process's environment:
// the idempotency key, the state's name and, on a virtual clock, the run's
// "now" (core::kVirtualNowVariable) so the command runs on the same timeline.
std::map<std::string, std::string> command_environment(const TaskRequest& request) {
  std::map<std::string, std::string> environment = {{"AE_IDEMPOTENCY_KEY", request.idempotency_key},
                                                    {"AE_STATE_NAME", request.state_name}};
  if (request.clock != nullptr && request.clock->is_virtual())
    environment[core::kVirtualNowVariable] = core::format_timestamp(request.clock->now());
  return environment;
}

Json parse_output(const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return nullptr;
  try {
    return Json::parse(text);
  } catch (const Json::exception&) {
    throw StateFailure(errors::kTaskFailed,
                       "the task function printed output that is not JSON: " + text.substr(0, 200));
  }
}

// sendCommand results, keyed by command id; shared by the two SSM handlers.
class CommandRunner {
 public:
  Json send(const TaskRequest& request) {
    const Json& input = request.input;
    std::vector<std::string> commands;
    std::optional<std::chrono::seconds> timeout = std::chrono::seconds(3600);
    if (input.contains("Parameters") && input["Parameters"].is_object()) {
      const Json& parameters = input["Parameters"];
      if (parameters.contains("commands")) {
        for (const auto& line : parameters["commands"])
          commands.push_back(line.is_string() ? line.get<std::string>() : line.dump());
      }
      if (parameters.contains("executionTimeout")) {
        const Json& t = parameters["executionTimeout"];
        const Json& first = t.is_array() && !t.empty() ? t[0] : t;
        timeout = std::chrono::seconds(first.is_string() ? std::stoll(first.get<std::string>())
                                                         : first.get<long long>());
      }
    }
    if (commands.empty())
      throw StateFailure("Ssm.InvalidParametersException", "sendCommand needs Parameters.commands");
    std::vector<std::string> instances;
    if (input.contains("InstanceIds"))
      for (const auto& id : input["InstanceIds"]) instances.push_back(id.get<std::string>());
    if (instances.empty()) instances.push_back("local");
    const std::string command_id = sha256_hex(request.idempotency_key).substr(0, 32);
    {
      std::lock_guard lock(mutex_);
      if (!results_.contains(command_id)) {
        std::string script = "set -eo pipefail\n";
        for (const auto& line : commands) script += line + "\n";
        core::ProcessResult run =
            core::run_process(script, "", command_environment(request), timeout);
        results_[command_id] = run;
      }
    }
    return Json{{"Command",
                 {{"CommandId", command_id},
                  {"DocumentName", input.value("DocumentName", "AWS-RunShellScript")},
                  {"InstanceIds", instances},
                  {"Status", "Pending"}}}};
  }

  Json invocation(const TaskRequest& request) {
    const std::string command_id = request.input.value("CommandId", "");
    std::lock_guard lock(mutex_);
    auto it = results_.find(command_id);
    if (it == results_.end())
      throw StateFailure("Ssm.InvocationDoesNotExistException", "no command '" + command_id + "'");
    const core::ProcessResult& run = it->second;
    const char* status = run.timed_out ? "TimedOut" : (run.exit_code == 0 ? "Success" : "Failed");
    return Json{{"CommandId", command_id},
                {"InstanceId", request.input.value("InstanceId", "local")},
                {"Status", status},
                {"StatusDetails", status},
                {"ResponseCode", run.timed_out ? -1 : run.exit_code},
                {"StandardOutputContent", run.out},
                {"StandardErrorContent", run.err}};
  }

 private:
  std::mutex mutex_;
  std::map<std::string, core::ProcessResult> results_;
};

Json instance_change(const std::vector<std::string>& ids, const char* previous,
                     const char* current) {
  Json out = Json::array();
  for (const auto& id : ids)
    out.push_back({{"InstanceId", id},
                   {"PreviousState", {{"Name", previous}}},
                   {"CurrentState", {{"Name", current}}}});
  return out;
}

}  // namespace

void add_command_function(ResourceRegistry& registry, const std::string& name,
                          const std::string& command) {
  registry.add_function(name, [command](const TaskRequest& request) -> Json {
    std::map<std::string, std::string> environment = command_environment(request);
    if (request.task_token) environment["AE_TASK_TOKEN"] = *request.task_token;
    core::ProcessResult run =
        core::run_process(command, request.input.dump(), environment, request.timeout);
    if (run.timed_out)
      throw StateFailure(errors::kTimeout, "task function '" + command + "' timed out");
    if (run.exit_code != 0) {
      try {
        Json report = Json::parse(run.out);
        if (report.is_object() && report.contains("errorType")) {
          throw StateFailure(report["errorType"].get<std::string>(),
                             report.value("errorMessage", ""));
        }
      } catch (const Json::exception&) {
      }
      throw StateFailure(errors::kTaskFailed, "task function exited with code " +
                                                  std::to_string(run.exit_code) + ": " +
                                                  run.err.substr(0, 2000));
    }
    return parse_output(run.out);
  });
}

void LogNotificationSink::publish(const std::string& topic, const std::string& subject,
                                  const std::string& message) {
  spdlog::info("sns:publish topic={} subject={} message={}", topic, subject, message);
}

void HostRecorder::record(Call call) {
  std::lock_guard lock(mutex_);
  calls_.push_back(std::move(call));
}

std::vector<HostRecorder::Call> HostRecorder::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

void add_builtin_resources(ResourceRegistry& registry, const BuiltinServices& services) {
  auto runner = std::make_shared<CommandRunner>();
  registry.add_resource("arn:aws:states:::aws-sdk:ssm:sendCommand",
                        [runner](const TaskRequest& r) { return runner->send(r); });
  registry.add_resource("arn:aws:states:::aws-sdk:ssm:getCommandInvocation",
                        [runner](const TaskRequest& r) { return runner->invocation(r); });
  auto sink = services.notifications;
  registry.add_resource("arn:aws:states:::sns:publish", [sink](const TaskRequest& r) {
    const Json& input = r.input;
    std::string topic = input.value("TopicArn", input.value("TargetArn", ""));
    if (topic.empty())
      throw StateFailure("SNS.InvalidParameterException", "publish needs TopicArn");
    const Json message = input.contains("Message") ? input["Message"] : Json("");
    sink->publish(topic, input.value("Subject", ""),
                  message.is_string() ? message.get<std::string>() : message.dump());
    return Json{{"MessageId", sha256_hex(r.idempotency_key).substr(0, 36)}};
  });
  auto hosts = services.hosts;
  for (const char* action : {"startInstances", "stopInstances"}) {
    const std::string name = action;
    registry.add_resource(
        "arn:aws:states:::aws-sdk:ec2:" + name, [hosts, name](const TaskRequest& r) {
          std::vector<std::string> ids;
          if (r.input.contains("InstanceIds"))
            for (const auto& id : r.input["InstanceIds"]) ids.push_back(id.get<std::string>());
          hosts->record({name, ids, r.idempotency_key});
          spdlog::info("ec2:{} recorded for {}", name, Json(ids).dump());
          if (name == "startInstances")
            return Json{{"StartingInstances", instance_change(ids, "stopped", "pending")}};
          return Json{{"StoppingInstances", instance_change(ids, "running", "stopping")}};
        });
  }
}

}  // namespace ae::states
