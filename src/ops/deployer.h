// Deployments: registering the repository's state-machine definitions and
// alarm document with the local engine, with a durable record of each attempt
// (ops.db table deployments).
//   - "registering" writes each stamped definition to <deployed>/<name>.asl.json
//     and the alarm document to <deployed>/alarms.json (atomically each); the
//     engine and `ae alarms` run from there;
//   - a definition that calls a function, resource or action this build does
//     not register is refused before anything is written (InvalidInput, no
//     record: nothing was attempted);
//   - an attempt is recorded IN_PROGRESS first; success -> COMPLETE, any
//     failure part-way -> FAILED with the error, and DeployFailed is thrown;
//   - a FAILED or IN_PROGRESS (crashed) latest record is terminal: later
//     deploys throw DeployBlocked until recover() marks it RECOVERED (the
//     reference's ROLLBACK_COMPLETE lesson);
//   - a deploy of the same sha and content as the latest COMPLETE one is a
//     no-op (no record, nothing written).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/sqlite.h"
#include "ops/definition_stamp.h"

namespace ae::ops {

class DeployFailed : public core::Error {
 public:
  using core::Error::Error;
};

class DeployBlocked : public core::Error {
 public:
  using core::Error::Error;
};

struct RepositoryDefinition {
  std::string name;  // state machine name, e.g. "alpha-engine-weekday-pipeline"
  nlohmann::json definition;
};

struct DeployRequest {
  std::string git_sha;
  std::vector<RepositoryDefinition> definitions;
  nlohmann::json alarms;
};

enum class DeploymentStatus { kInProgress, kComplete, kFailed, kRecovered };
std::string deployment_status_name(DeploymentStatus status);
DeploymentStatus parse_deployment_status(const std::string& text);
bool is_terminal(DeploymentStatus status);  // FAILED or IN_PROGRESS

struct DeploymentRecord {
  std::int64_t id = 0;
  std::string git_sha;
  DeploymentStatus status = DeploymentStatus::kInProgress;
  core::Timestamp started;
  std::optional<core::Timestamp> finished;
  // {"definitions": {name: {"hash", "stamp"}}, "alarms_hash": "..."}
  nlohmann::json document;
  std::optional<std::string> error;
};

// The document a request would record (hashes of unstamped content).
nlohmann::json deployment_document(const DeployRequest& request);

class Deployer {
 public:
  Deployer(core::Database& database, core::Clock& clock, std::filesystem::path deployed_dir);

  struct Outcome {
    bool no_op = false;
    DeploymentRecord record;  // the new record, or the unchanged latest one
  };
  Outcome deploy(const DeployRequest& request, const TaskCatalog& catalog);

  // Marks the latest terminal deployment RECOVERED; InvalidInput if the latest
  // is not terminal, NotFound if there is none.
  DeploymentRecord recover();

  // Throws IoError if the table cannot be read or a record is corrupt.
  std::optional<DeploymentRecord> latest() const;
  std::vector<DeploymentRecord> list(int limit) const;

  const std::filesystem::path& deployed_dir() const { return deployed_dir_; }
  // The deployed alarm document: <deployed>/alarms.json.
  static std::filesystem::path alarms_file(const std::filesystem::path& deployed_dir) {
    return deployed_dir / "alarms.json";
  }

 private:
  void set_status(std::int64_t id, DeploymentStatus status,
                  const std::optional<std::string>& error);

  core::Database& database_;
  core::Clock& clock_;
  std::filesystem::path deployed_dir_;
};

}  // namespace ae::ops
