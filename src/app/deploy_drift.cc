#include "app/deploy_drift.h"

#include "app/pipelines.h"
#include "core/version.h"
#include "ops/alarm_definition.h"
#include "ops/deployer.h"
#include "ops/drift.h"
#include "ops/ops_database.h"

namespace ae::app {

nlohmann::json check_deploy_drift(const TaskContext& context) {
  ops::DeployRequest request;
  request.git_sha = std::string(core::git_sha());
  if (request.git_sha == "unknown") request.git_sha.clear();
  for (const auto& file : pipelines::embedded_files()) {
    const std::string name(file.name);
    if (name.ends_with(".asl.json"))
      request.definitions.push_back(
          {name.substr(0, name.size() - 9), nlohmann::json::parse(file.contents)});
  }
  request.alarms =
      nlohmann::json::parse(core::find_embedded(pipelines::embedded_files(), "alarms.json"));
  std::filesystem::create_directories(context.home.state());
  auto database = ops::open_ops_database(context.home.ops_database());
  ops::Deployer deployer(*database, *context.clock, context.home.deployed());
  return ops::check_drift(deployer, request, "weekday").to_json();
}

nlohmann::json skipped_deploy_drift() {
  return {{"has_drift", false},
          {"checked", false},
          {"reason", "deploy drift check skipped by the operator (--skip-drift-check)"}};
}

}  // namespace ae::app
