// The deploy-drift check (`ae drift`, the check_deploy_drift task of the
// weekday machine's DeployDriftCheck). It compares what is deployed (the
// latest deployment record and the files under the deployed directory) with
// the repository (its git sha, definitions and alarm document), part by part.
// Fail closed: whatever cannot be measured is drift, with a reason — no
// deployment, an unreadable record or file, a terminal deployment, an
// unknown repository sha, a missing stamp. (The reference's degraded modes
// reported no drift.)
// Reasons per part: in_sync, sha_mismatch, content_changed (same stamp,
// different content: edited without a new sha), stamp_missing, not_deployed,
// unreadable, no_deployment, deployment_unreadable, deployment_in_terminal_state,
// repository_sha_unknown.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ops/deployer.h"

namespace ae::ops {

struct DriftPart {
  std::string part;  // "deployment", "alarms" or a state machine name
  bool drift = true;
  std::string reason;
  std::string detail;
};

struct DriftResult {
  bool has_drift = true;
  std::vector<DriftPart> parts;
  // The reference's shape: repo, upstream_sha, sf_sha, sf_stamp_present,
  // stack_sha, stack_stamp_present, sf_drift, cf_drift, cf_drift_reason,
  // cf_drift_detail, cf_stack_status, has_drift; plus "parts".
  nlohmann::json to_json() const;
  std::string repository_sha;
  std::string primary_machine;  // the "sf_*" fields describe this machine
  std::optional<std::string> primary_stamp;
  std::optional<std::string> deployment_sha;
  std::string deployment_status;
};

// `request.git_sha` empty means the repository sha is unknown (drift).
// `primary_machine` names the definition the sf_* fields describe.
DriftResult check_drift(const Deployer& deployer, const DeployRequest& request,
                        const std::string& primary_machine);

}  // namespace ae::ops
