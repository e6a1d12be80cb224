// Deployment stamps and content hashes of state-machine definitions (JSON
// documents; the ops layer does not parse ASL beyond what it needs here).
//   - the stamp is "[git:<sha>] " at the front of the top-level Comment
//     (reference deploy-infrastructure.sh): stamping strips any old stamp
//     first, and a definition without a Comment gets "[git:<sha>]";
//   - definition_hash is the SHA-256 of the canonical JSON with the stamp
//     removed, so re-stamping the same content keeps the hash;
//   - task_references lists every Task state's Resource and, for Lambda-style
//     calls, the function name and the Payload/Parameters "action", walking
//     Parallel branches and Map iterators.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ae::ops {

nlohmann::json stamp_definition(nlohmann::json definition, const std::string& git_sha);
// The sha in a "[git:<7-40 hex>]" prefix of the Comment, if any.
std::optional<std::string> stamp_of(const nlohmann::json& definition);
nlohmann::json unstamped(nlohmann::json definition);
std::string definition_hash(const nlohmann::json& definition);

struct TaskReference {
  std::string state;                    // the Task state's name
  std::string resource;                 // Resource ARN as written
  std::optional<std::string> function;  // Lambda function name, when a Lambda call
  std::optional<std::string> action;    // "action" in Parameters / Payload
};
std::vector<TaskReference> task_references(const nlohmann::json& definition);

// What this build can run: exact resource ARNs (integration suffixes
// stripped), Lambda function names, and the actions each function accepts
// (an empty action set means the function takes no action field).
struct TaskCatalog {
  std::set<std::string> resources;
  std::set<std::string> functions;
  std::set<std::string> actions;
};

// One line per reference this build does not register (empty when all are).
std::vector<std::string> unregistered_tasks(const nlohmann::json& definition,
                                            const TaskCatalog& catalog);

}  // namespace ae::ops
