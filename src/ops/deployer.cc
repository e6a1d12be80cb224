#include "ops/deployer.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "core/atomic_file.h"
#include "core/digest.h"

namespace ae::ops {

namespace {

DeploymentRecord read_record(core::Statement& select) {
  DeploymentRecord record;
  record.id = select.column_int(0);
  record.git_sha = select.column_text(1);
  try {
    record.status = parse_deployment_status(select.column_text(2));
    record.document = nlohmann::json::parse(select.column_text(5));
  } catch (const std::exception& e) {
    throw core::IoError(
        fmt::format("deployment record #{} is unreadable: {}", record.id, e.what()));
  }
  record.started = core::from_microseconds(select.column_int(3));
  if (!select.is_null(4)) record.finished = core::from_microseconds(select.column_int(4));
  record.error = select.column_optional_text(6);
  return record;
}

constexpr const char* kSelect =
    "SELECT id, git_sha, status, started_us, finished_us, document, error FROM deployments ";

}  // namespace

std::string deployment_status_name(DeploymentStatus status) {
  switch (status) {
    case DeploymentStatus::kInProgress:
      return "IN_PROGRESS";
    case DeploymentStatus::kComplete:
      return "COMPLETE";
    case DeploymentStatus::kFailed:
      return "FAILED";
    case DeploymentStatus::kRecovered:
      return "RECOVERED";
  }
  return "?";
}

DeploymentStatus parse_deployment_status(const std::string& text) {
  for (auto status : {DeploymentStatus::kInProgress, DeploymentStatus::kComplete,
                      DeploymentStatus::kFailed, DeploymentStatus::kRecovered})
    if (deployment_status_name(status) == text) return status;
  throw core::InvalidInput(fmt::format("unknown deployment status '{}'", text));
}

bool is_terminal(DeploymentStatus status) {
  return status == DeploymentStatus::kFailed || status == DeploymentStatus::kInProgress;
}

nlohmann::json deployment_document(const DeployRequest& request) {
  nlohmann::json definitions = nlohmann::json::object();
  for (const auto& source : request.definitions)
    definitions[source.name] = {{"hash", definition_hash(source.definition)},
                                {"stamp", request.git_sha}};
  return {{"definitions", definitions}, {"alarms_hash", core::sha256_hex(request.alarms.dump())}};
}

Deployer::Deployer(core::Database& database, core::Clock& clock, std::filesystem::path deployed_dir)
    : database_(database), clock_(clock), deployed_dir_(std::move(deployed_dir)) {}

std::optional<DeploymentRecord> Deployer::latest() const {
  auto select = database_.prepare(std::string(kSelect) + "ORDER BY id DESC LIMIT 1");
  if (!select.step()) return std::nullopt;
  return read_record(select);
}

std::vector<DeploymentRecord> Deployer::list(int limit) const {
  auto select = database_.prepare(std::string(kSelect) + "ORDER BY id DESC LIMIT ?");
  select.bind(1, limit);
  std::vector<DeploymentRecord> result;
  while (select.step()) result.push_back(read_record(select));
  return result;
}

void Deployer::set_status(std::int64_t id, DeploymentStatus status,
                          const std::optional<std::string>& error) {
  auto update = database_.prepare(
      "UPDATE deployments SET status = ?, finished_us = ?, error = ? WHERE id = ?");
  update.bind(1, deployment_status_name(status)).bind(2, core::to_microseconds(clock_.now()));
  if (error)
    update.bind(3, *error);
  else
    update.bind_null(3);
  update.bind(4, id);
  update.run();
}

Deployer::Outcome Deployer::deploy(const DeployRequest& request, const TaskCatalog& catalog) {
  std::vector<std::string> problems;
  for (const auto& source : request.definitions)
    for (const auto& problem : unregistered_tasks(source.definition, catalog))
      problems.push_back(source.name + ": " + problem);
  if (!problems.empty())
    throw core::InvalidInput(fmt::format("deployment refused: {}", fmt::join(problems, "; ")));

  const auto document = deployment_document(request);
  const auto previous = latest();
  if (previous && is_terminal(previous->status))
    throw DeployBlocked(fmt::format(
        "deployment #{} ({}) is {}; run `ae deploy recover` after checking the deployed state",
        previous->id, previous->git_sha, deployment_status_name(previous->status)));
  if (previous && previous->status == DeploymentStatus::kComplete &&
      previous->git_sha == request.git_sha && previous->document == document) {
    spdlog::info("deploy {}: no changes (deployment #{} is current)", request.git_sha,
                 previous->id);
    return {true, *previous};
  }

  // Stamp first (an invalid sha is an input error, not a failed deployment).
  std::vector<std::pair<std::string, nlohmann::json>> stamped;
  for (const auto& source : request.definitions)
    stamped.emplace_back(source.name, stamp_definition(source.definition, request.git_sha));

  auto insert = database_.prepare(
      "INSERT INTO deployments(git_sha, status, started_us, document) VALUES (?, ?, ?, ?)");
  insert.bind(1, request.git_sha)
      .bind(2, deployment_status_name(DeploymentStatus::kInProgress))
      .bind(3, core::to_microseconds(clock_.now()))
      .bind(4, document.dump());
  insert.run();
  const auto id = database_.last_insert_rowid();
  try {
    for (const auto& [name, definition] : stamped)
      core::write_file_atomically(deployed_dir_ / (name + ".asl.json"), definition.dump(2) + "\n");
    core::write_file_atomically(alarms_file(deployed_dir_), request.alarms.dump(2) + "\n");
  } catch (const std::exception& e) {
    set_status(id, DeploymentStatus::kFailed, std::string(e.what()));
    throw DeployFailed(
        fmt::format("deployment #{} of {} failed part-way: {}", id, request.git_sha, e.what()));
  }
  set_status(id, DeploymentStatus::kComplete, std::nullopt);
  spdlog::info("deployment #{} of {} complete ({} definitions)", id, request.git_sha,
               stamped.size());
  return {false, *latest()};
}

DeploymentRecord Deployer::recover() {
  const auto previous = latest();
  if (!previous) throw core::NotFound("no deployment to recover");
  if (!is_terminal(previous->status))
    throw core::InvalidInput(fmt::format("deployment #{} is {}, nothing to recover", previous->id,
                                         deployment_status_name(previous->status)));
  set_status(previous->id, DeploymentStatus::kRecovered, previous->error);
  return *latest();
}

}  // namespace ae::ops
