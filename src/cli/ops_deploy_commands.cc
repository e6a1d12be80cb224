// `ae deploy` and `ae drift`: deployment records and the fail-closed drift check.
//   ae deploy [--pipelines DIR] [--sha SHA] [--allow-function NAME].. [--allow-action A]..
//       registers the pipelines (state machine = file name without .asl.json)
//       and their alarms.json with the local engine ($AE_HOME/state/deployed/),
//       stamped [git:<sha>]; each definition must pass the ASL validator and
//       call only tasks this build runs (the engine's built-in integrations,
//       the task functions and actions of app/register_tasks.h, and the
//       --allow-function / --allow-action names). Without --pipelines, the
//       definitions compiled into this binary, stamped with the commit it was
//       built from (a build from a modified tree needs --sha); with
//       --pipelines DIR, DIR's files, stamped with `git rev-parse HEAD`.
//   ae deploy list | recover   (list only reads ops.db: it works on a full disk)
//   ae deploy export --aws DIR [--account ID] [--region R] [--prefix P]
//       [--pipelines DIR] [--sha SHA]
//       writes DIR/<pipeline>.asl.json mapped for AWS and DIR/template.json
//       (CloudFormation); see ops/aws_export.h and docs/operations.md.
//   ae drift [--pipelines DIR] [--sha SHA] [--machine NAME]
//       prints the drift result (JSON); exit 1 when has_drift.
// drift treats an unknown sha as drift.
// JSON: deploy {"no_op", "deployment"}; list {"deployments": [...]}; recover
// the deployment; a deployment is {"id", "git_sha", "status", "started",
// "error"}; export {"directory", "state_machines", "account", "region"};
// drift the drift result.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <cstdio>
#include <iostream>
#include <map>
#include <regex>

#include "app/pipelines.h"
#include "app/register_tasks.h"
#include "cli/command.h"
#include "core/atomic_file.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/version.h"
#include "ops/alarm_definition.h"
#include "ops/aws_export.h"
#include "ops/deployer.h"
#include "ops/drift.h"
#include "ops/ops_database.h"
#include "states/parse/parser.h"

namespace ae::cli {

namespace {

struct DeployOptions {
  std::string pipelines;  // empty: the definitions compiled into the binary
  std::string sha;
  std::vector<std::string> functions;
  std::vector<std::string> actions;
  std::string machine = "alpha-engine-weekday-pipeline";
  std::string aws_dir;
  ops::AwsExportOptions aws;
};

std::string git_head() {
  std::array<char, 128> buffer{};
  std::string output;
  FILE* pipe = ::popen("git rev-parse HEAD 2>/dev/null", "r");
  if (pipe == nullptr) return "";
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) output += buffer.data();
  if (::pclose(pipe) != 0) return "";
  while (!output.empty() && std::isspace(static_cast<unsigned char>(output.back())))
    output.pop_back();
  return std::regex_match(output, std::regex("[0-9a-f]{40}")) ? output : "";
}

// The commit this binary was built from, for its compiled-in definitions.
std::string build_sha() {
  const std::string sha(core::git_sha());
  if (std::regex_match(sha, std::regex("[0-9a-f]{7,40}"))) return sha;
  throw core::InvalidInput(fmt::format(
      "this binary was built from {}, so its pipelines have no commit to stamp: pass --sha, or "
      "--pipelines DIR from a checkout",
      sha == "unknown" ? "outside a git checkout" : "a modified tree (git " + sha + ")"));
}

void add_definition(ops::DeployRequest& request, const std::string& file_name,
                    const std::string& origin, const std::string& text) {
  auto definition = nlohmann::json::parse(text);
  if (auto problems = states::validate_definition(states::Json(definition)); !problems.empty())
    throw core::InvalidInput(
        fmt::format("{} is not a valid state machine: {}", origin, fmt::join(problems, "; ")));
  request.definitions.push_back(
      {file_name.substr(0, file_name.size() - std::string_view(".asl.json").size()),
       std::move(definition)});
}

ops::DeployRequest compiled_in_repository(const DeployOptions& options) {
  ops::DeployRequest request;
  request.git_sha = options.sha.empty() ? build_sha() : options.sha;
  std::string alarms;
  for (const auto& file : app::pipelines::embedded_files()) {
    const std::string name(file.name);
    if (name.ends_with(".asl.json"))
      add_definition(request, name, "compiled-in " + name, std::string(file.contents));
    if (name == "alarms.json") alarms = file.contents;
  }
  std::sort(request.definitions.begin(), request.definitions.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  request.alarms = nlohmann::json::parse(alarms);
  ops::parse_alarm_document(request.alarms, "compiled-in alarms.json");
  return request;
}

ops::DeployRequest read_repository(const DeployOptions& options) {
  if (options.pipelines.empty()) return compiled_in_repository(options);
  ops::DeployRequest request;
  request.git_sha = options.sha.empty() ? git_head() : options.sha;
  const std::filesystem::path directory = options.pipelines;
  if (!std::filesystem::is_directory(directory))
    throw core::NotFound(fmt::format("no pipelines directory '{}'", directory.string()));
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory))
    if (entry.path().string().ends_with(".asl.json")) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files)
    add_definition(request, file.filename().string(), file.string(), core::read_file(file));
  request.alarms = nlohmann::json::parse(core::read_file(directory / "alarms.json"));
  ops::parse_alarm_document(request.alarms, (directory / "alarms.json").string());
  return request;
}

ops::TaskCatalog catalog_for(const DeployOptions& options) {
  ops::TaskCatalog catalog;
  catalog.resources = {"arn:aws:states:::sns:publish", "arn:aws:states:::aws-sdk:ssm:sendCommand",
                       "arn:aws:states:::aws-sdk:ssm:getCommandInvocation",
                       "arn:aws:states:::aws-sdk:ec2:startInstances",
                       "arn:aws:states:::aws-sdk:ec2:stopInstances"};
  const auto& registered = app::registered_tasks();
  catalog.functions = registered.functions;
  catalog.actions = registered.actions;
  catalog.functions.insert(options.functions.begin(), options.functions.end());
  catalog.actions.insert(options.actions.begin(), options.actions.end());
  return catalog;
}

nlohmann::json export_aws(const DeployOptions& options) {
  auto request = read_repository(options);
  if (request.git_sha.empty())
    throw core::InvalidInput("cannot tell the repository's commit: pass --sha or run inside git");
  auto aws = options.aws;
  aws.git_sha = request.git_sha;
  ops::check_export_options(aws);
  const std::filesystem::path directory = options.aws_dir;
  std::filesystem::create_directories(directory);
  std::map<std::string, nlohmann::json> pipelines;
  for (const auto& repository : request.definitions) {
    auto exported = ops::export_definition(repository.definition, aws);
    core::write_file_atomically(directory / (repository.name + ".asl.json"),
                                exported.dump(2) + "\n");
    pipelines[repository.name] = std::move(exported);
  }
  const auto stack = ops::export_template(pipelines, request.alarms, aws);
  core::write_file_atomically(directory / "template.json", stack.dump(2) + "\n");
  nlohmann::json names = nlohmann::json::array();
  for (const auto& [name, definition] : pipelines) names.push_back(name);
  return {{"directory", directory.string()},
          {"state_machines", names},
          {"account", aws.account},
          {"region", aws.region}};
}

nlohmann::json record_json(const ops::DeploymentRecord& record) {
  return {{"id", record.id},
          {"git_sha", record.git_sha},
          {"status", ops::deployment_status_name(record.status)},
          {"started", core::format_timestamp(record.started)},
          {"error", record.error ? nlohmann::json(*record.error) : nlohmann::json()}};
}

std::string record_line(const ops::DeploymentRecord& record) {
  return fmt::format("#{}\t{}\t{}\t{}\t{}\n", record.id, record.git_sha,
                     ops::deployment_status_name(record.status),
                     core::format_timestamp(record.started), record.error.value_or(""));
}

}  // namespace

void add_deploy_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto options = std::make_shared<DeployOptions>();
  auto* deploy =
      app.add_subcommand("deploy", "Register the pipelines and alarms (stamped, recorded)");
  deploy->add_option("--pipelines", options->pipelines,
                     "Directory of *.asl.json and alarms.json (default: the definitions compiled "
                     "into this binary)");
  deploy->add_option("--sha", options->sha,
                     "Commit to stamp (default: the binary's own for its definitions, git "
                     "rev-parse HEAD with --pipelines)");
  deploy->add_option("--allow-function", options->functions, "A Lambda function name to accept");
  deploy->add_option("--allow-action", options->actions, "An 'action' value to accept");
  auto* list = deploy->add_subcommand("list", "Deployment records, newest first");
  auto* recover = deploy->add_subcommand("recover", "Clear a failed deployment after checking it");
  auto* export_command = deploy->add_subcommand(
      "export", "Write the pipelines as AWS Step Functions + CloudFormation");
  export_command->add_option("--aws", options->aws_dir, "Output directory")->required();
  export_command->add_option("--account", options->aws.account, "AWS account id")
      ->capture_default_str();
  export_command->add_option("--region", options->aws.region, "AWS region")->capture_default_str();
  export_command->add_option("--prefix", options->aws.prefix, "Name prefix of stack resources")
      ->capture_default_str();
  export_command->add_option("--pipelines", options->pipelines,
                             "Directory of *.asl.json (default: the compiled-in definitions)");
  export_command->add_option("--sha", options->sha, "Commit to stamp (default: as for deploy)");
  // One action for the group: CLI11 runs the parent's callback after a
  // subcommand's, so the subcommand chosen is read here.
  dispatcher.bind(deploy, [options, list, recover, export_command](const Context& context) {
    if (export_command->parsed()) {
      const auto exported = export_aws(*options);
      context.output.print(exported, [&](std::ostream& out) {
        out << fmt::format(
            "exported {} state machines and template.json to {} (account {}, {})\n",
            exported["state_machines"].size(), exported["directory"].get<std::string>(),
            exported["account"].get<std::string>(), exported["region"].get<std::string>());
      });
      return 0;
    }
    auto database = list->parsed()
                        ? ops::open_ops_database(context.home.ops_database(), core::kReadOnly)
                        : ops::open_ops_database(context.home.ops_database());
    const auto process_clock = core::make_process_clock();
    core::Clock& clock = *process_clock;
    ops::Deployer deployer(*database, clock, context.home.deployed());
    if (list->parsed()) {
      const auto records = deployer.list(50);
      nlohmann::json rows = nlohmann::json::array();
      for (const auto& record : records) rows.push_back(record_json(record));
      context.output.print({{"deployments", rows}}, [&](std::ostream& out) {
        for (const auto& record : records) out << record_line(record);
      });
      return 0;
    }
    if (recover->parsed()) {
      const auto record = deployer.recover();
      context.output.print(record_json(record),
                           [&](std::ostream& out) { out << record_line(record); });
      return 0;
    }
    auto request = read_repository(*options);
    if (request.git_sha.empty())
      throw core::InvalidInput("cannot tell the repository's commit: pass --sha or run inside git");
    const auto outcome = deployer.deploy(request, catalog_for(*options));
    context.output.print({{"no_op", outcome.no_op}, {"deployment", record_json(outcome.record)}},
                         [&](std::ostream& out) {
                           out << (outcome.no_op ? "no changes: " : "deployed: ")
                               << record_line(outcome.record);
                         });
    return 0;
  });

  auto drift_options = std::make_shared<DeployOptions>();
  auto* drift =
      app.add_subcommand("drift", "Compare deployed definitions and alarms with the repository");
  drift->add_option("--pipelines", drift_options->pipelines,
                    "Directory of *.asl.json and alarms.json (default: the compiled-in ones)");
  drift->add_option("--sha", drift_options->sha, "Repository commit (default: as for deploy)");
  drift->add_option("--machine", drift_options->machine, "The machine the sf_* fields describe")
      ->capture_default_str();
  dispatcher.bind(drift, [drift_options](const Context& context) {
    const auto request = read_repository(*drift_options);
    auto database = ops::open_ops_database(context.home.ops_database());
    const auto process_clock = core::make_process_clock();
    core::Clock& clock = *process_clock;
    ops::Deployer deployer(*database, clock, context.home.deployed());
    const auto result = ops::check_drift(deployer, request, drift_options->machine);
    context.output.print(result.to_json());
    return result.has_drift ? kExitNegative : kExitOk;
  });
}

}  // namespace ae::cli
