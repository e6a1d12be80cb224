#include "core/contracts/health.h"

#include "core/contracts/json_fields.h"

namespace ae::core {

using namespace json_fields;

std::string health_key(const std::string& module) { return "health/" + module + ".json"; }

void to_json(nlohmann::json& j, const HealthRecord& h) {
  j = nlohmann::json::object();
  j["module"] = h.module;
  j["status"] = h.status;
  j["last_success"] =
      h.last_success ? nlohmann::json(format_timestamp(*h.last_success)) : nlohmann::json(nullptr);
  j["run_date"] = format_date(h.run_date);
  if (h.written_at) j["written_at"] = format_timestamp(*h.written_at);
  write_optional(j, "duration_seconds", h.duration_seconds);
  j["summary"] = h.summary;
  j["warnings"] = h.warnings;
  write_nullable(j, "error", h.error);
}

void from_json(const nlohmann::json& j, HealthRecord& h) {
  h.module = j.at("module").get<std::string>();
  h.status = j.at("status").get<HealthStatus>();
  std::optional<std::string> last_success;
  read_optional(j, "last_success", last_success);
  h.last_success =
      last_success ? std::optional<Timestamp>(parse_timestamp(*last_success)) : std::nullopt;
  h.run_date = read_date(j, "run_date");
  std::optional<std::string> written_at;
  read_optional(j, "written_at", written_at);
  h.written_at = written_at ? std::optional<Timestamp>(parse_timestamp(*written_at)) : std::nullopt;
  read_optional(j, "duration_seconds", h.duration_seconds);
  h.summary = j.at("summary");
  h.warnings = j.at("warnings").get<std::vector<std::string>>();
  read_optional(j, "error", h.error);
}

}  // namespace ae::core
