#include "executor/health_file.h"

#include <spdlog/spdlog.h>

#include "core/contracts/contract.h"

namespace ae::executor {

void write_health(core::ArtifactStore& store, const std::string& module, core::HealthStatus status,
                  core::Date run_date, core::Timestamp now, nlohmann::json summary,
                  std::vector<std::string> warnings, std::optional<std::string> error) {
  core::HealthRecord record;
  record.module = module;
  record.status = status;
  record.run_date = run_date;
  record.written_at = now;
  record.summary = std::move(summary);
  record.warnings = std::move(warnings);
  record.error = std::move(error);
  const auto key = core::health_key(module);
  if (status == core::HealthStatus::kFailed) {
    try {
      if (store.exists(key))
        record.last_success = core::read_contract(store, core::Contract::kHealth, key)
                                  .get<core::HealthRecord>()
                                  .last_success;
    } catch (const core::Error& e) {
      spdlog::warn("health: previous {} unreadable: {}", key, e.what());
    }
  } else {
    record.last_success = now;
  }
  core::write_contract(store, core::Contract::kHealth, key, nlohmann::json(record));
}

}  // namespace ae::executor
