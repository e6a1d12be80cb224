// `ae sfn ...`: the Amazon States Language engine.
//   ae sfn validate DEF                      problems, one per line (exit 1), or "valid"
//                                            (warnings on stderr)
//   ae sfn run DEF [--input JSON|@FILE] [--name NAME] [--state-machine NAME]
//                  [--type STANDARD|EXPRESS [--sync]]
//                  [--clock real|virtual] [--lambda NAME=COMMAND]...
//       prints the final output JSON (exit 0) or {"error":..,"cause":..} (exit 1)
//   ae sfn list | describe ID | history ID
//   ae sfn resume ID | redrive ID   (same --clock / --lambda options as run)
//   ae sfn stop ID
//   ae sfn graph DEF [--format mermaid|dot]
//   ae sfn send-task-success TOKEN [--task-output JSON] | send-task-failure TOKEN
//       [--error E] [--cause C] | send-task-heartbeat TOKEN
//   ae sfn serve   the Step Functions API over this home (sfn_serve_command.cc)
// Executions live in $AE_HOME/state/states/executions.sqlite.
// JSON: validate {"definition", "valid", "problems", "warnings"}; run, resume,
// redrive and describe the execution as DescribeExecution shapes it
// ({"executionArn", "name", "stateMachine", "type", "status", "startDate",
// "stopDate"?, "output"?, "error"?, "cause"?, "failedState"?, "input"});
// list {"executions": [{"name", "status", "stateMachine", "startDate"}]};
// history {"execution", "events": [{"id", "type", "timestamp", "state",
// "details"}]}; graph {"format", "graph"}; stop and send-task-* {"execution"
// or "token", "action"}.
// list, describe and history only read the database (they work on a full disk
// and create nothing).
#include <iostream>

#include "app/pipeline_session.h"
#include "app/pipelines.h"
#include "app/register_tasks.h"
#include "cli/clock_option.h"
#include "cli/command.h"
#include "cli/pipeline_environment.h"
#include "cli/sfn_run_options.h"
#include "core/atomic_file.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/json_limits.h"
#include "states/parse/graph.h"
#include "states/parse/parser.h"
#include "states/parse/warnings.h"
#include "states/run/execution_clock.h"
#include "states/run/executions.h"

namespace ae::cli {
namespace {

using states::Json;

std::string read_text_argument(const std::string& value) {
  if (!value.empty() && value.front() == '@') return core::read_file(value.substr(1));
  return value;
}

// An execution input or a task result: the payload and depth limits apply.
Json parse_json_argument(const std::string& value, const char* what) {
  return states::parse_execution_input(read_text_argument(value), what);
}

std::unique_ptr<core::Clock> make_run_clock(const std::string& kind) {
  core::RealClock real;
  return core::make_clock(kind, real.now());
}

Json record_json(const states::ExecutionRecord& record) {
  Json out = {{"executionArn", record.id},
              {"name", record.name},
              {"stateMachine", record.state_machine},
              {"type", record.type},
              {"status", states::status_name(record.status)},
              {"startDate", record.start_time},
              {"redriveCount", record.redrive_count}};
  if (!record.stop_time.empty()) out["stopDate"] = record.stop_time;
  if (record.status == states::ExecutionStatus::kSucceeded) out["output"] = record.output;
  if (record.error) out["error"] = *record.error;
  if (record.cause) out["cause"] = *record.cause;
  if (!record.failed_state.empty()) out["failedState"] = record.failed_state;
  out["input"] = record.input;
  return out;
}

// Final output on stdout and exit 0, or {"error","cause"} and exit 1 (the
// execution's description with --output json).
int report(const Output& output, const states::ExecutionRecord& record) {
  const bool succeeded = record.status == states::ExecutionStatus::kSucceeded;
  if (output.json()) {
    output.print_ordered(record_json(record));
    return succeeded ? kExitOk : kExitNegative;
  }
  if (succeeded) {
    std::cout << record.output.dump() << "\n";
    return 0;
  }
  Json failure = {{"error", record.error ? Json(*record.error) : Json()},
                  {"cause", record.cause ? Json(*record.cause) : Json()},
                  {"status", states::status_name(record.status)},
                  {"execution", record.name}};
  std::cout << failure.dump() << "\n";
  return kExitNegative;
}

}  // namespace

void add_sfn_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto* sfn = app.add_subcommand("sfn", "Run Amazon States Language state machines locally");
  sfn->require_subcommand(1);

  auto* validate = sfn->add_subcommand("validate", "Check a definition; list every problem");
  auto validate_file = std::make_shared<std::string>();
  validate->add_option("definition", *validate_file, "ASL JSON file")->required();
  dispatcher.bind(validate, [validate_file](const Context& context) {
    const auto text = core::read_file(*validate_file);
    std::vector<std::string> problems;
    std::vector<std::string> warnings;
    try {
      const Json definition = core::parse_json<Json>(text);
      problems = states::validate_definition(definition);
      if (problems.empty())
        warnings = states::definition_warnings(*states::parse_definition(definition));
    } catch (const Json::exception& e) {
      problems.push_back(*validate_file + " is not valid JSON: " + e.what());
    } catch (const core::JsonTooDeep& e) {
      problems.push_back(*validate_file + " is not a valid definition: " + e.what());
    }
    for (const auto& warning : warnings) std::cerr << "warning: " << warning << "\n";
    context.output.print({{"definition", *validate_file},
                          {"valid", problems.empty()},
                          {"problems", problems},
                          {"warnings", warnings}},
                         [&](std::ostream& out) {
                           if (problems.empty()) out << "valid\n";
                           for (const auto& problem : problems) out << problem << "\n";
                         });
    return problems.empty() ? kExitOk : kExitNegative;
  });

  auto* run = sfn->add_subcommand("run", "Run a definition to completion");
  auto run_file = std::make_shared<std::string>();
  auto run_input = std::make_shared<std::string>("{}");
  auto run_name = std::make_shared<std::string>();
  auto run_machine = std::make_shared<std::string>();
  auto run_options = std::make_shared<RunOptions>();
  run->add_option("definition", *run_file, "ASL JSON file")->required();
  run->add_option("--input", *run_input, "Execution input: JSON text or @FILE")
      ->capture_default_str();
  run->add_option("--name", *run_name, "Execution name (unique; generated when absent)");
  run->add_option("--state-machine", *run_machine, "State machine name (default: the file name)");
  auto run_type = std::make_shared<std::string>("STANDARD");
  auto run_sync = std::make_shared<bool>(false);
  run->add_option("--type", *run_type, "STANDARD, or EXPRESS (an express execution's ARN)")
      ->check(CLI::IsMember({"STANDARD", "EXPRESS"}))
      ->capture_default_str();
  run->add_flag("--sync", *run_sync,
                "EXPRESS only: as StartSyncExecution (no $$.Execution.RedriveCount)");
  add_run_options(run, *run_options);
  dispatcher.bind(run, [=](const Context& context) {
    states::StartRequest request;
    request.definition = core::read_file(*run_file);
    request.input = parse_json_argument(*run_input, "--input");
    request.name = *run_name;
    request.state_machine = run_machine->empty()
                                ? std::filesystem::path(*run_file).stem().stem().string()
                                : *run_machine;
    request.clock = clock_kind(run_options->clock);
    request.type = *run_type;
    request.synchronous = *run_sync;
    auto registry = make_registry(*run_options, context);
    auto clock = make_run_clock(request.clock);
    announce_clock(request.clock, clock->now());
    states::HistoryStore store(context.home.executions_database());
    states::ExecutionService service(store, registry, *clock, interpreter_options(*run_options));
    apply_crash_point(service, *run_options);
    return report(context.output, service.start(request));
  });

  auto bind_id_command = [&](const char* name, const char* help, bool with_run_options,
                             std::function<int(const Context&, states::ExecutionService&,
                                               states::HistoryStore&, const std::string&)>
                                 action) {
    auto* command = sfn->add_subcommand(name, help);
    auto id = std::make_shared<std::string>();
    auto options = std::make_shared<RunOptions>();
    command->add_option("execution", *id, "Execution name or ARN")->required();
    if (with_run_options) add_run_options(command, *options);
    dispatcher.bind(command, [=](const Context& context) {
      auto registry = make_registry(*options, context);
      states::HistoryStore store(context.home.executions_database());
      const auto record = store.find(*id);
      const auto kind = clock_kind(options->clock);
      auto clock = record ? states::execution_clock(store, *record, kind) : make_run_clock(kind);
      if (with_run_options) announce_clock(clock->is_virtual() ? "virtual" : "real", clock->now());
      // A pipeline's execution gets its task functions back (and its
      // command steps this `ae` on this home), so resume and redrive
      // finish it as `ae run` would.
      std::optional<ae::app::PipelineSession> session;
      if (record && ae::app::is_pipeline_state_machine(record->state_machine)) {
        prepare_child_environment(context);
        session.emplace(context.home, clock.get(), ae::app::PipelineSessionOptions{});
        ae::app::register_tasks(registry, session->context());
      }
      states::ExecutionService service(store, registry, *clock, interpreter_options(*options));
      apply_crash_point(service, *options);
      return action(context, service, store, *id);
    });
    return command;
  };

  auto* describe = sfn->add_subcommand("describe", "Show an execution as JSON");
  auto describe_id = std::make_shared<std::string>();
  describe->add_option("execution", *describe_id, "Execution name or ARN")->required();
  dispatcher.bind(describe, [=](const Context& context) {
    states::HistoryStore store(context.home.executions_database(), core::kReadOnly);
    context.output.print_ordered(record_json(store.get(*describe_id)));
    return 0;
  });
  bind_id_command(
      "resume", "Continue an interrupted execution from its last checkpoint", true,
      [](const Context& context, states::ExecutionService& service, states::HistoryStore&,
         const std::string& id) { return report(context.output, service.resume(id)); });
  bind_id_command(
      "redrive", "Re-run a failed execution from the state that failed", true,
      [](const Context& context, states::ExecutionService& service, states::HistoryStore&,
         const std::string& id) { return report(context.output, service.redrive(id)); });
  bind_id_command(
      "stop", "Ask a running execution to stop", false,
      [](const Context& context, states::ExecutionService& service, states::HistoryStore&,
         const std::string& id) {
        service.stop(id);
        context.output.print({{"execution", id}, {"action", "stop"}}, [](std::ostream&) {});
        return 0;
      });

  auto* history = sfn->add_subcommand("history", "Print an execution's history events");
  auto history_id = std::make_shared<std::string>();
  history->add_option("execution", *history_id, "Execution name or ARN")->required();
  dispatcher.bind(history, [=](const Context& context) {
    states::HistoryStore store(context.home.executions_database(), core::kReadOnly);
    auto record = store.get(*history_id);
    const auto events = store.events(record.id);
    if (context.output.json()) {
      Json rows = Json::array();
      for (const auto& event : events)
        rows.push_back({{"id", event.id},
                        {"type", event.type},
                        {"timestamp", states::format_aws_time(event.timestamp)},
                        {"state", event.state},
                        {"details", event.details}});
      context.output.print_ordered(Json{{"execution", record.name}, {"events", rows}});
      return 0;
    }
    for (const auto& event : events)
      std::cout << event.id << "\t" << states::format_aws_time(event.timestamp) << "\t"
                << event.type << (event.state.empty() ? "" : "\t" + event.state) << "\n";
    return 0;
  });

  auto* list = sfn->add_subcommand("list", "List executions");
  dispatcher.bind(list, [](const Context& context) {
    states::HistoryStore store(context.home.executions_database(), core::kReadOnly);
    const auto records = store.list();
    Json executions = Json::array();
    for (const auto& record : records)
      executions.push_back({{"name", record.name},
                            {"status", states::status_name(record.status)},
                            {"stateMachine", record.state_machine},
                            {"startDate", record.start_time}});
    context.output.print_ordered(Json{{"executions", executions}}, [&](std::ostream& out) {
      for (const auto& record : records)
        out << record.name << "\t" << states::status_name(record.status) << "\t"
            << record.state_machine << "\t" << record.start_time << "\n";
    });
    return 0;
  });

  add_sfn_serve_command(*sfn, dispatcher);

  auto* graph = sfn->add_subcommand("graph", "Draw a definition as Mermaid or Graphviz dot");
  auto graph_file = std::make_shared<std::string>();
  auto graph_format = std::make_shared<std::string>("mermaid");
  graph->add_option("definition", *graph_file, "ASL JSON file")->required();
  graph->add_option("--format", *graph_format, "mermaid or dot")
      ->check(CLI::IsMember({"mermaid", "dot"}))
      ->capture_default_str();
  dispatcher.bind(graph, [=](const Context& context) {
    auto machine = states::parse_definition_text(core::read_file(*graph_file));
    const auto drawn =
        states::render_graph(*machine, *graph_format == "dot" ? states::GraphFormat::kDot
                                                              : states::GraphFormat::kMermaid);
    context.output.print({{"format", *graph_format}, {"graph", drawn}},
                         [&](std::ostream& out) { out << drawn; });
    return 0;
  });

  auto token_command = [&](const char* name, const char* help) {
    auto* command = sfn->add_subcommand(name, help);
    auto token = std::make_shared<std::string>();
    command->add_option("token", *token, "Task token ($$.Task.Token)")->required();
    return std::make_pair(command, token);
  };
  {
    auto [command, token] = token_command("send-task-success", "Complete a waiting task");
    auto output = std::make_shared<std::string>("{}");
    command->add_option("--task-output", *output, "Task result: JSON text or @FILE")
        ->capture_default_str();
    dispatcher.bind(command, [token, output](const Context& context) {
      states::HistoryStore store(context.home.executions_database());
      store.complete_token(*token, {true, parse_json_argument(*output, "--task-output"), "", ""});
      context.output.print({{"token", *token}, {"action", "send-task-success"}},
                           [](std::ostream&) {});
      return 0;
    });
  }
  {
    auto [command, token] = token_command("send-task-failure", "Fail a waiting task");
    auto error = std::make_shared<std::string>();
    auto cause = std::make_shared<std::string>();
    command->add_option("--error", *error, "Error name");
    command->add_option("--cause", *cause, "Cause text");
    dispatcher.bind(command, [token, error, cause](const Context& context) {
      states::HistoryStore store(context.home.executions_database());
      store.complete_token(*token, {false, nullptr, *error, *cause});
      context.output.print({{"token", *token}, {"action", "send-task-failure"}},
                           [](std::ostream&) {});
      return 0;
    });
  }
  {
    auto [command, token] = token_command("send-task-heartbeat", "Report a waiting task alive");
    dispatcher.bind(command, [token](const Context& context) {
      states::HistoryStore store(context.home.executions_database());
      core::RealClock clock;
      store.heartbeat_token(*token, clock.now());
      context.output.print({{"token", *token}, {"action", "send-task-heartbeat"}},
                           [](std::ostream&) {});
      return 0;
    });
  }
}

}  // namespace ae::cli
