#include "app/pipeline_run.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>

#include "app/fault_injection.h"
#include "app/pipelines.h"
#include "app/register_tasks.h"
#include "core/artifact_store.h"
#include "states/resources/command_failure.h"
#include "states/run/crash_at_state.h"
#include "states/run/executions.h"
#include "states/run/failure.h"

namespace ae::app {
namespace {

std::string short_text(std::string text, std::size_t width = 100) {
  for (char& c : text)
    if (c == '\n') c = ' ';
  if (text.size() > width) text = text.substr(0, width - 3) + "...";
  return text;
}

// The last non-empty line of a command's stderr: its error, after any log
// lines.
std::string last_line(const std::string& text) {
  const auto end = text.find_last_not_of(" \n\r\t");
  if (end == std::string::npos) return "";
  const auto newline = text.find_last_of('\n', end);
  const std::size_t start = newline == std::string::npos ? 0 : newline + 1;
  return text.substr(start, end + 1 - start);
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
      line.failed = true;
      line.seconds = seconds;
    } else if (event.type == "TaskSucceeded") {
      if (const auto failure =
              states::failed_command(event.details.value("output", states::Json()))) {
        const auto error = last_line(failure->stderr_text);
        line.result =
            short_text(error.empty() ? fmt::format("command failed: exit {}, nothing on stderr",
                                                   failure->response_code)
                                     : "command failed: " + error);
        line.failed = true;
      }
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

std::string PipelineRun::failure_reason() const {
  for (const auto& line : states)
    if (line.failed) return "first failed step " + line.state + ": " + line.result;
  // No step failed: a Choice sent the execution to its Fail state.
  const auto fail = std::find_if(states.begin(), states.end(),
                                 [](const StateLine& line) { return line.type == "Fail"; });
  if (fail == states.end()) return "";
  for (auto line = std::make_reverse_iterator(fail); line != states.rend(); ++line)
    if (line->type == "Choice")
      return "no step failed; the Choice " + line->state + " chose the failure path";
  return "";
}

std::string PipelineRun::error_summary() const {
  if (!record.error) return "";
  std::string text = *record.error + ": " + record.cause.value_or("");
  if (const auto reason = failure_reason(); !reason.empty()) text += " (" + reason + ")";
  return text;
}

PipelineRun run_pipeline(const TaskContext& context, const PipelineRunRequest& request,
                         const states::BuiltinServices& services) {
  std::filesystem::create_directories(context.home.state());
  states::HistoryStore store(context.home.executions_database());
  const auto existing =
      request.execution_name.empty() ? std::nullopt : store.find(request.execution_name);
  // A resumed execution keeps the faults it was started with (its input
  // records them) unless the caller names faults of its own.
  TaskContext run_context = context;
  if (existing && !context.faults.any() && existing->input.contains("faults"))
    run_context.faults = Faults::from_json(nlohmann::json(existing->input["faults"]));

  states::BuiltinServices run_services = faulted_services(services, run_context.faults);
  if (!run_services.commands)
    run_services.commands =
        std::make_shared<states::CommandRunner>(context.home.command_invocations());
  states::ResourceRegistry registry;
  states::add_builtin_resources(registry, run_services);
  register_tasks(registry, run_context);
  inject_faults(registry, run_context);
  states::ExecutionService service(store, registry, *context.clock);
  if (!request.crash_at.empty()) {
    service.decorate_history(
        [point = states::CrashPoint::parse(request.crash_at)](states::HistorySink& durable) {
          return std::make_unique<states::CrashAtState>(durable, point);
        });
  }
  PipelineRun run;
  if (existing && existing->status != states::ExecutionStatus::kRunning) {
    run.record = *existing;
    run.already_finished = true;
  } else if (existing) {
    run.record = service.resume(existing->id);
    run.resumed = true;
  } else {
    states::StartRequest start;
    start.definition = pipeline_definition(request.pipeline);
    start.input = request.input;
    if (run_context.faults.any())
      start.input["faults"] = states::Json(run_context.faults.to_json());
    start.name = request.execution_name;
    start.state_machine = "alpha-engine-" + request.pipeline + "-pipeline";
    start.clock = request.clock_kind;
    damage_artifacts_at_start(run_context);
    run.record = service.start(start);
  }
  run.states = state_lines(store.events(run.record.id));
  return run;
}

}  // namespace ae::app
