// Module health: health/{module}.json in the artifact store (the HealthRecord
// contract, schema-validated on write and read) and the staleness check that
// `ae health` prints. Thresholds are the reference's health_checker.sh ones
// (hours since last_success): executor 4, predictor_inference 4,
// eod_reconcile 20, daily_data 20 (the reference's price_fetcher: here the
// data step that imports and confirms each session's closes), research 192,
// predictor_training 192.
// Fail closed: a module with a threshold whose file is missing, unreadable or
// has never succeeded is a problem, as is any module whose status is failed.
// Degraded is reported but is not a problem by itself.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/artifact_store.h"
#include "core/contracts/health.h"

namespace ae::ops {

using StalenessThresholds = std::map<std::string, std::chrono::hours>;

const StalenessThresholds& reference_staleness_thresholds();

void write_health(core::ArtifactStore& store, const core::HealthRecord& record);

enum class HealthVerdict { kOk, kDegraded, kStale, kFailed, kMissing, kUnreadable };
std::string health_verdict_name(HealthVerdict verdict);

struct HealthRow {
  std::string module;
  HealthVerdict verdict = HealthVerdict::kOk;
  std::optional<core::HealthRecord> record;
  std::optional<std::chrono::hours> threshold;
  std::optional<std::chrono::seconds> age;  // since last_success
  std::string detail;
  bool is_problem() const;
};

// One row per module with a threshold or a file under health/, sorted.
std::vector<HealthRow> check_health(const core::ArtifactStore& store, core::Timestamp now,
                                    const StalenessThresholds& thresholds);

}  // namespace ae::ops
