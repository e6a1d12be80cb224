#include "ops/health.h"

#include <fmt/format.h>

#include <set>

#include "core/contracts/contract.h"
#include "core/error.h"

namespace ae::ops {

const StalenessThresholds& reference_staleness_thresholds() {
  static const StalenessThresholds kThresholds = {
      {"executor", std::chrono::hours(4)},       {"predictor_inference", std::chrono::hours(4)},
      {"eod_reconcile", std::chrono::hours(20)}, {"daily_data", std::chrono::hours(20)},
      {"research", std::chrono::hours(192)},     {"predictor_training", std::chrono::hours(192)}};
  return kThresholds;
}

void write_health(core::ArtifactStore& store, const core::HealthRecord& record) {
  core::write_contract(store, core::Contract::kHealth, core::health_key(record.module),
                       nlohmann::json(record));
}

std::string health_verdict_name(HealthVerdict verdict) {
  switch (verdict) {
    case HealthVerdict::kOk:
      return "ok";
    case HealthVerdict::kDegraded:
      return "degraded";
    case HealthVerdict::kStale:
      return "stale";
    case HealthVerdict::kFailed:
      return "failed";
    case HealthVerdict::kMissing:
      return "missing";
    case HealthVerdict::kUnreadable:
      return "unreadable";
  }
  return "?";
}

bool HealthRow::is_problem() const {
  return verdict != HealthVerdict::kOk && verdict != HealthVerdict::kDegraded;
}

std::vector<HealthRow> check_health(const core::ArtifactStore& store, core::Timestamp now,
                                    const StalenessThresholds& thresholds) {
  std::set<std::string> modules;
  for (const auto& [module, hours] : thresholds) modules.insert(module);
  const std::string prefix = "health/";
  for (const auto& key : store.list(prefix)) {
    if (key.size() > prefix.size() + 5 && key.ends_with(".json") &&
        key.find('/', prefix.size()) == std::string::npos)
      modules.insert(key.substr(prefix.size(), key.size() - prefix.size() - 5));
  }
  std::vector<HealthRow> rows;
  for (const auto& module : modules) {
    HealthRow row;
    row.module = module;
    if (auto found = thresholds.find(module); found != thresholds.end())
      row.threshold = found->second;
    try {
      row.record = core::read_contract(store, core::Contract::kHealth, core::health_key(module))
                       .get<core::HealthRecord>();
    } catch (const core::NotFound&) {
      row.verdict = HealthVerdict::kMissing;
      row.detail = "no " + core::health_key(module);
      rows.push_back(std::move(row));
      continue;
    } catch (const std::exception& e) {
      row.verdict = HealthVerdict::kUnreadable;
      row.detail = e.what();
      rows.push_back(std::move(row));
      continue;
    }
    const auto& record = *row.record;
    if (record.last_success)
      row.age = std::chrono::duration_cast<std::chrono::seconds>(now - *record.last_success);
    if (record.status == core::HealthStatus::kFailed) {
      row.verdict = HealthVerdict::kFailed;
      row.detail = record.error.value_or("status failed");
    } else if (row.threshold && !record.last_success) {
      row.verdict = HealthVerdict::kStale;
      row.detail = "never succeeded";
    } else if (row.threshold && row.age && *row.age > *row.threshold) {
      row.verdict = HealthVerdict::kStale;
      row.detail =
          fmt::format("last success {:.1f}h ago, threshold {}h",
                      static_cast<double>(row.age->count()) / 3600.0, row.threshold->count());
    } else if (record.status == core::HealthStatus::kDegraded) {
      row.verdict = HealthVerdict::kDegraded;
      row.detail = record.warnings.empty() ? "degraded" : record.warnings.front();
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace ae::ops
