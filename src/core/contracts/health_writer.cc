#include "core/contracts/health_writer.h"

#include <spdlog/spdlog.h>

#include "core/contracts/contract.h"
#include "core/error.h"
#include "core/text.h"

namespace ae::core {

void write_health(ArtifactStore& store, const std::string& module, HealthStatus status,
                  Date run_date, Timestamp now, nlohmann::json summary,
                  std::vector<std::string> warnings, std::optional<std::string> error) {
  HealthRecord record;
  record.module = module;
  record.status = status;
  record.run_date = run_date;
  record.written_at = now;
  record.summary = std::move(summary);
  for (const auto& warning : warnings) record.warnings.push_back(to_valid_utf8(warning));
  if (error) record.error = to_valid_utf8(*error);
  const auto key = health_key(module);
  if (status == HealthStatus::kFailed) {
    try {
      if (store.exists(key))
        record.last_success =
            read_contract(store, Contract::kHealth, key).get<HealthRecord>().last_success;
    } catch (const Error& e) {
      spdlog::warn("health: previous {} unreadable: {}", key, e.what());
    }
  } else {
    record.last_success = now;
  }
  write_contract(store, Contract::kHealth, key, nlohmann::json(record));
}

}  // namespace ae::core
