#include "ops/drift.h"

#include <fmt/format.h>

#include "core/atomic_file.h"
#include "core/digest.h"

namespace ae::ops {

namespace {

bool shas_match(const std::string& a, const std::string& b) {
  return !a.empty() && !b.empty() && (a.starts_with(b) || b.starts_with(a));
}

}  // namespace

nlohmann::json DriftResult::to_json() const {
  nlohmann::json parts_json = nlohmann::json::array();
  bool sf_drift = false;
  const DriftPart* deployment = nullptr;
  const DriftPart* alarms = nullptr;
  for (const auto& part : parts) {
    parts_json.push_back({{"part", part.part},
                          {"drift", part.drift},
                          {"reason", part.reason},
                          {"detail", part.detail}});
    if (part.part == "deployment")
      deployment = &part;
    else if (part.part == "alarms")
      alarms = &part;
    else
      sf_drift = sf_drift || part.drift;
  }
  const DriftPart* stack = deployment != nullptr && deployment->drift ? deployment : alarms;
  auto optional_text = [](const std::optional<std::string>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
  };
  return {{"repo", "local"},
          {"upstream_sha",
           repository_sha.empty() ? nlohmann::json(nullptr) : nlohmann::json(repository_sha)},
          {"sf_name", primary_machine},
          {"sf_sha", optional_text(primary_stamp)},
          {"sf_stamp_present", primary_stamp.has_value()},
          {"stack_sha", optional_text(deployment_sha)},
          {"stack_stamp_present", deployment_sha.has_value()},
          {"sf_drift", sf_drift},
          {"cf_drift",
           (deployment != nullptr && deployment->drift) || (alarms != nullptr && alarms->drift)},
          {"cf_drift_reason", stack != nullptr ? stack->reason : "no_deployment"},
          {"cf_drift_detail", stack != nullptr ? stack->detail : ""},
          {"cf_stack_status", deployment_status},
          {"has_drift", has_drift},
          {"parts", parts_json}};
}

DriftResult check_drift(const Deployer& deployer, const DeployRequest& request,
                        const std::string& primary_machine) {
  DriftResult result;
  result.repository_sha = request.git_sha;
  result.primary_machine = primary_machine;
  result.deployment_status = "NONE";

  DriftPart deployment{"deployment", true, "", ""};
  std::optional<DeploymentRecord> record;
  try {
    record = deployer.latest();
  } catch (const std::exception& e) {
    deployment.reason = "deployment_unreadable";
    deployment.detail = e.what();
  }
  if (deployment.reason.empty()) {
    if (!record) {
      deployment.reason = "no_deployment";
      deployment.detail = "nothing has been deployed";
    } else {
      result.deployment_sha = record->git_sha;
      result.deployment_status = deployment_status_name(record->status);
      if (record->status != DeploymentStatus::kComplete) {
        deployment.reason = "deployment_in_terminal_state";
        deployment.detail =
            fmt::format("deployment #{} is {}", record->id, result.deployment_status);
      } else if (request.git_sha.empty()) {
        deployment.reason = "repository_sha_unknown";
        deployment.detail = "cannot tell which commit the repository is at";
      } else if (!shas_match(record->git_sha, request.git_sha)) {
        deployment.reason = "sha_mismatch";
        deployment.detail =
            fmt::format("deployed {} vs repository {}", record->git_sha, request.git_sha);
      } else {
        deployment.drift = false;
        deployment.reason = "in_sync";
      }
    }
  }
  result.parts.push_back(deployment);

  for (const auto& source : request.definitions) {
    DriftPart part{source.name, true, "", ""};
    const auto path = deployer.deployed_dir() / (source.name + ".asl.json");
    try {
      const auto deployed = nlohmann::json::parse(core::read_file(path));
      const auto stamp = stamp_of(deployed);
      if (source.name == primary_machine) result.primary_stamp = stamp;
      if (!stamp) {
        part.reason = "stamp_missing";
        part.detail = path.string() + " has no [git:<sha>] stamp in its Comment";
      } else if (request.git_sha.empty()) {
        part.reason = "repository_sha_unknown";
      } else if (!shas_match(*stamp, request.git_sha)) {
        part.reason = "sha_mismatch";
        part.detail = fmt::format("deployed {} vs repository {}", *stamp, request.git_sha);
      } else if (definition_hash(deployed) != definition_hash(source.definition)) {
        part.reason = "content_changed";
        part.detail = "same stamp, different content: the definition changed without a new deploy";
      } else {
        part.drift = false;
        part.reason = "in_sync";
      }
    } catch (const core::NotFound&) {
      part.reason = "not_deployed";
      part.detail = "no " + path.string();
    } catch (const std::exception& e) {
      part.reason = "unreadable";
      part.detail = e.what();
    }
    result.parts.push_back(part);
  }

  DriftPart alarms{"alarms", true, "", ""};
  const auto alarms_path = Deployer::alarms_file(deployer.deployed_dir());
  try {
    const auto deployed = nlohmann::json::parse(core::read_file(alarms_path));
    if (core::sha256_hex(deployed.dump()) != core::sha256_hex(request.alarms.dump())) {
      alarms.reason = "content_changed";
      alarms.detail = "deployed alarms differ from pipelines/alarms.json";
    } else {
      alarms.drift = false;
      alarms.reason = "in_sync";
    }
  } catch (const core::NotFound&) {
    alarms.reason = "not_deployed";
    alarms.detail = "no " + alarms_path.string();
  } catch (const std::exception& e) {
    alarms.reason = "unreadable";
    alarms.detail = e.what();
  }
  result.parts.push_back(alarms);

  result.has_drift = false;
  for (const auto& part : result.parts) result.has_drift = result.has_drift || part.drift;
  return result;
}

}  // namespace ae::ops
