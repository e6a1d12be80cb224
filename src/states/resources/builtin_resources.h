// The resources every local run has besides registered Lambda functions:
//   - external task functions (`--lambda NAME=COMMAND`): COMMAND runs under
//     bash with the event JSON on stdin and AE_IDEMPOTENCY_KEY, AE_STATE_NAME,
//     AE_TASK_TOKEN and, on a virtual clock, AE_VIRTUAL_NOW (the run's "now")
//     in its environment (sendCommand scripts get the same variables); its
//     stdout (JSON; empty means null) is the result.
//     A non-zero exit fails the task with errorType/errorMessage from a JSON
//     object on stdout, else States.TaskFailed with stderr as the cause; a
//     timeout kills it with States.Timeout.
//   - arn:aws:states:::aws-sdk:ssm:sendCommand / getCommandInvocation: the
//     durable local command runner of BuiltinServices::commands
//     (command_runner.h); without one they fail with States.Runtime.
//   - arn:aws:states:::sns:publish: hands the message to a NotificationSink
//     (logging by default).
//   - arn:aws:states:::aws-sdk:ec2:startInstances / stopInstances: a host
//     resource that records each call (HostRecorder) and reports the state
//     change AWS would; no machine is touched.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "states/resources/command_runner.h"
#include "states/resources/resources.h"

namespace ae::states {

void add_command_function(ResourceRegistry& registry, const std::string& name,
                          const std::string& command);

class NotificationSink {
 public:
  virtual ~NotificationSink() = default;
  virtual void publish(const std::string& topic, const std::string& subject,
                       const std::string& message) = 0;
};

// Logs each notification at info level.
class LogNotificationSink final : public NotificationSink {
 public:
  void publish(const std::string& topic, const std::string& subject,
               const std::string& message) override;
};

class HostRecorder {
 public:
  struct Call {
    std::string action;  // "startInstances" | "stopInstances"
    std::vector<std::string> instance_ids;
    std::string idempotency_key;
  };
  void record(Call call);
  std::vector<Call> calls() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Call> calls_;
};

struct BuiltinServices {
  // Null: command steps fail (core::Home::command_invocations() is the home's).
  std::shared_ptr<CommandRunner> commands;
  std::shared_ptr<NotificationSink> notifications = std::make_shared<LogNotificationSink>();
  std::shared_ptr<HostRecorder> hosts = std::make_shared<HostRecorder>();
};

void add_builtin_resources(ResourceRegistry& registry, const BuiltinServices& services);

}  // namespace ae::states
