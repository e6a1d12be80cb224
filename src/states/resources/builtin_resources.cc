#include "states/resources/builtin_resources.h"

#include <spdlog/spdlog.h>

#include "core/digest.h"
#include "core/json_limits.h"
#include "core/subprocess.h"
#include "states/parse/limits.h"
#include "states/resources/task_environment.h"
#include "states/run/failure.h"

namespace ae::states {
namespace {

// A task function's stdout: JSON (empty means null), at most the payload
// limit (run_process stops keeping it beyond) and nested at most
// core::kMaxJsonDepth levels; over either limit is States.DataLimitExceeded,
// as AWS fails a result too large, before anything records it.
Json parse_output(const std::string& name, const core::ProcessResult& run) {
  const std::string& text = run.out;
  if (run.out_truncated) {
    throw StateFailure(errors::kDataLimitExceeded, "task function '" + name +
                                                       "' printed more than " +
                                                       std::to_string(kMaxPayloadBytes) + " bytes");
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return nullptr;
  try {
    return core::parse_json<Json>(text);
  } catch (const Json::exception&) {
    throw StateFailure(errors::kTaskFailed,
                       "the task function printed output that is not JSON: " + text.substr(0, 200));
  } catch (const core::JsonTooDeep& e) {
    throw StateFailure(errors::kDataLimitExceeded,
                       "task function '" + name + "' printed " + e.what());
  }
}

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
  registry.add_function(name, [name, command](const TaskRequest& request) -> Json {
    std::map<std::string, std::string> environment = task_environment(request);
    if (request.task_token) environment["AE_TASK_TOKEN"] = *request.task_token;
    core::ProcessResult run = core::run_process(command, request.input.dump(), environment,
                                                request.timeout, kMaxPayloadBytes + 1);
    if (run.timed_out)
      throw StateFailure(errors::kTimeout, "task function '" + command + "' timed out");
    if (run.exit_code != 0) {
      try {
        Json report = core::parse_json<Json>(run.out);
        if (report.is_object() && report.contains("errorType")) {
          throw StateFailure(report["errorType"].get<std::string>(),
                             report.value("errorMessage", ""));
        }
      } catch (const Json::exception&) {
      } catch (const core::JsonTooDeep&) {
      }
      throw StateFailure(errors::kTaskFailed, "task function exited with code " +
                                                  std::to_string(run.exit_code) + ": " +
                                                  run.err.substr(0, 2000));
    }
    return parse_output(name, run);
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
  auto runner = services.commands;
  auto need_runner = [runner](const TaskRequest& r) {
    if (!runner)
      throw StateFailure(errors::kRuntime, "state '" + r.state_name +
                                               "' sends a command, but this engine has no "
                                               "command runner (no state directory)");
  };
  registry.add_resource("arn:aws:states:::aws-sdk:ssm:sendCommand",
                        [runner, need_runner](const TaskRequest& r) {
                          need_runner(r);
                          return runner->send(r);
                        });
  registry.add_resource("arn:aws:states:::aws-sdk:ssm:getCommandInvocation",
                        [runner, need_runner](const TaskRequest& r) {
                          need_runner(r);
                          return runner->invocation(r);
                        });
  auto sink = services.notifications;
  registry.add_resource("arn:aws:states:::sns:publish", [sink](const TaskRequest& r) {
    const Json& input = r.input;
    std::string topic = input.value("TopicArn", input.value("TargetArn", ""));
    if (topic.empty())
      throw StateFailure("SNS.InvalidParameterException", "publish needs TopicArn");
    const Json message = input.contains("Message") ? input["Message"] : Json("");
    sink->publish(topic, input.value("Subject", ""),
                  message.is_string() ? message.get<std::string>() : message.dump());
    return Json{{"MessageId", core::sha256_hex(r.idempotency_key).substr(0, 36)}};
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
