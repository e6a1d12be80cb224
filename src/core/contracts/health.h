// health/{module}.json: the outcome of a module's last run
// (schemas/health.schema.json). Read by the executor's upstream gate (max ages
// per module) and by `ae health`.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace ae::core {

enum class HealthStatus { kOk, kDegraded, kFailed };

NLOHMANN_JSON_SERIALIZE_ENUM(HealthStatus, {{HealthStatus::kOk, "ok"},
                                            {HealthStatus::kDegraded, "degraded"},
                                            {HealthStatus::kFailed, "failed"}})

struct HealthRecord {
  std::string module;  // e.g. "executor", "predictor_inference"
  HealthStatus status = HealthStatus::kOk;
  std::optional<Timestamp> last_success;  // null until the first success
  Date run_date;
  std::optional<Timestamp> written_at;
  std::optional<double> duration_seconds;
  nlohmann::json summary = nlohmann::json::object();
  std::vector<std::string> warnings;
  std::optional<std::string> error;

  bool operator==(const HealthRecord&) const = default;
};

// "health/<module>.json"
std::string health_key(const std::string& module);

void to_json(nlohmann::json& j, const HealthRecord& h);
void from_json(const nlohmann::json& j, HealthRecord& h);

}  // namespace ae::core
