#include "tasks/pipeline_run.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <map>
#include <memory>

#include "core/artifact_store.h"
#include "states/crash_at_state.h"
#include "states/executions.h"
#include "states/failure.h"
#include "tasks/pipelines.h"
#include "tasks/register_tasks.h"

namespace ae::tasks {
namespace {

std::string short_text(std::string text, std::size_t width = 100) {
  for (char& c : text)
    if (c == '\n') c = ' ';
  if (text.size() > width) text = text.substr(0, width - 3) + "...";
  return text;
}

constexpr const char* kSendCommand = "arn:aws:states:::aws-sdk:ssm:sendCommand";
constexpr const char* kGetCommandInvocation = "arn:aws:states:::aws-sdk:ssm:getCommandInvocation";

// The notifier-down fault: every publish fails as SNS would.
class DownNotifier final : public states::NotificationSink {
 public:
  void publish(const std::string& topic, const std::string&, const std::string&) override {
    throw states::StateFailure("SNS.InternalErrorException",
                               "fault injected: the notifier is down (topic " + topic + ")");
  }
};

// The corrupt/missing=signals faults, applied when an execution starts.
void damage_signals(const TaskContext& context, const Faults& faults) {
  const bool corrupt = faults.corrupt_artifacts.contains("signals");
  const bool missing = faults.missing_artifacts.contains("signals");
  if (!corrupt && !missing) return;
  core::FileSystemStore store(context.home.store());
  for (const auto& key : store.list("signals/")) {
    if (corrupt) store.put(key, "{\"buy_candidates\": [");
    if (missing) store.remove(key);
  }
  spdlog::warn("fault injected: signals {}", missing ? "deleted" : "corrupted");
}

}  // namespace

std::vector<StateLine> state_lines(const std::vector<states::HistoryEvent>& events) {
  std::vector<StateLine> lines;
  std::map<std::string, std::size_t> open;  // state -> index of its line
  std::map<std::string, core::Timestamp> entered;
  for (const auto& event : events) {
    if (event.type.ends_with("StateEntered")) {
      lines.push_back({event.state, event.type.substr(0, event.type.size() - 12), 0, "..."});
      open[event.state] = lines.size() - 1;
      entered[event.state] = event.timestamp;
      continue;
    }
    const auto found = open.find(event.state);
    if (found == open.end()) continue;
    auto& line = lines[found->second];
    const double seconds =
        std::chrono::duration<double>(event.timestamp - entered[event.state]).count();
    if (event.type == "TaskFailed" || event.type == "TaskTimedOut") {
      line.result = short_text(fmt::format("{}: {}", event.details.value("error", ""),
                                           event.details.value("cause", "")));
      line.seconds = seconds;
    } else if (event.type.ends_with("StateExited")) {
      line.seconds = seconds;
      if (line.result == "...") line.result = "ok";
      open.erase(found);
    }
  }
  for (auto& line : lines)
    if (line.result == "...") line.result = line.type == "Fail" ? "fail" : "did not finish";
  return lines;
}

PipelineRun run_pipeline(const TaskContext& context, const PipelineRunRequest& request,
                         const states::BuiltinServices& services) {
  const auto& faults = context.faults;
  states::BuiltinServices faulted_services = services;
  if (!faulted_services.commands) {
    faulted_services.commands =
        std::make_shared<states::CommandRunner>(context.home.command_invocations());
  }
  if (faults.notifier_down) faulted_services.notifications = std::make_shared<DownNotifier>();
  states::ResourceRegistry registry;
  states::add_builtin_resources(registry, faulted_services);
  if (!faults.failing_commands.empty()) {
    // Same runner, but the named states' commands fail (exit 1) as a broken
    // step would: the execution sees it through getCommandInvocation.
    auto builtin = std::make_shared<states::ResourceRegistry>();
    states::add_builtin_resources(*builtin, faulted_services);
    registry.add_resource(kSendCommand, [builtin, failing = faults.failing_commands](
                                            const states::TaskRequest& task) {
      if (!failing.contains(task.state_name)) return builtin->invoke(task);
      auto changed = task;
      changed.input["Parameters"]["commands"] = nlohmann::json::array(
          {"echo 'fault injected: " + task.state_name + " fails' >&2", "exit 1"});
      return builtin->invoke(changed);
    });
    // Its invocations live in that runner too.
    registry.add_resource(kGetCommandInvocation, [builtin](const states::TaskRequest& task) {
      return builtin->invoke(task);
    });
  }
  register_tasks(registry, context);
  std::filesystem::create_directories(context.home.state());
  states::HistoryStore store(context.home.executions_database());
  states::ExecutionService service(store, registry, *context.clock);
  if (!request.crash_at.empty()) {
    service.decorate_history(
        [point = states::CrashPoint::parse(request.crash_at)](states::HistorySink& durable) {
          return std::make_unique<states::CrashAtState>(durable, point);
        });
  }
  states::StartRequest start;
  start.definition = pipeline_definition(request.pipeline);
  start.input = request.input;
  if (context.faults.any()) start.input["faults"] = context.faults.to_json();
  start.name = request.execution_name;
  start.state_machine = "alpha-engine-" + request.pipeline + "-pipeline";
  start.clock = request.clock_kind;
  PipelineRun run;
  const auto existing =
      request.execution_name.empty() ? std::nullopt : store.find(request.execution_name);
  if (existing && existing->status != states::ExecutionStatus::kRunning) {
    run.record = *existing;
    run.already_finished = true;
  } else if (existing) {
    run.record = service.resume(existing->id);
    run.resumed = true;
  } else {
    damage_signals(context, faults);
    run.record = service.start(start);
  }
  run.states = state_lines(store.events(run.record.id));
  return run;
}

}  // namespace ae::tasks
