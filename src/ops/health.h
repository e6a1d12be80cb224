// Module health: health/{module}.json in the artifact store (the HealthRecord
// contract, schema-validated on write and read) and the freshness check that
// `ae health` and the pipelines' health-check steps run.
// A module's freshness rule is in trading time or in hours:
//   - the daily modules must have succeeded on each NYSE session's New York
//     date, due by a time after the session's open or close: predictor_inference
//     by the open, executor (the morning planner) 30 minutes after it,
//     eod_reconcile and daily_data (the data step that imports and confirms
//     the session's closes) 90 minutes after the close. Until a session's due
//     time the previous session's applies, so a weekend, a holiday or the
//     hours before the morning run are not staleness;
//   - the weekly ones at most 192 hours since the last success: research,
//     predictor_training.
// (The reference's health_checker.sh measured every module in hours since its
// last success, executor 4 h, predictor_inference 4 h: every check before the
// morning run, and every one on a Monday, found them stale.)
// Fail closed: a module with a rule whose file is missing, unreadable or has
// never succeeded is a problem, as is any module whose status is failed.
// Degraded is reported but is not a problem by itself.
// A check's outcome is also a metric: AlphaEngine/HealthChecksFailed, the
// number of problem modules (0 when healthy), which the alarm
// AlphaEngine-HealthCheckFailures watches.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/artifact_store.h"
#include "core/contracts/health.h"
#include "core/metric_sink.h"
#include "core/nyse_calendar.h"

namespace ae::ops {

// How fresh a module must be (see above); made by every_session or max_age.
struct FreshnessRule {
  enum class Anchor { kOpen, kClose };
  static FreshnessRule every_session(Anchor anchor, std::chrono::minutes due_after);
  static FreshnessRule max_age(std::chrono::hours hours);

  std::optional<Anchor> session_anchor;  // set: the every-session kind
  std::chrono::minutes due_after{0};     // after the anchor
  std::chrono::hours hours{0};           // the max-age kind

  // "each session by open+30m", "192h".
  std::string describe() const;
};
using FreshnessRules = std::map<std::string, FreshnessRule>;

const FreshnessRules& default_freshness_rules();

void write_health(core::ArtifactStore& store, const core::HealthRecord& record);

enum class HealthVerdict { kOk, kDegraded, kStale, kFailed, kMissing, kUnreadable };
std::string health_verdict_name(HealthVerdict verdict);

struct HealthRow {
  std::string module;
  HealthVerdict verdict = HealthVerdict::kOk;
  std::optional<core::HealthRecord> record;
  std::optional<FreshnessRule> rule;
  std::optional<std::chrono::seconds> age;  // since last_success
  std::string detail;
  bool is_problem() const;
};

// One row per module with a rule or a file under health/, sorted: read_health
// reads each record once (a missing or unreadable one gets its verdict
// there), judge_health gives the others theirs as of `now`, check_health does
// both. InvalidInput when a daily module's record is judged at a `now`
// outside the calendar's range.
std::vector<HealthRow> read_health(const core::ArtifactStore& store, const FreshnessRules& rules);
void judge_health(std::vector<HealthRow>& rows, core::Timestamp now,
                  const core::NyseCalendar& calendar);
std::vector<HealthRow> check_health(const core::ArtifactStore& store, core::Timestamp now,
                                    const FreshnessRules& rules,
                                    const core::NyseCalendar& calendar);

inline constexpr const char* kHealthMetricNamespace = "AlphaEngine";
inline constexpr const char* kHealthChecksFailedMetric = "HealthChecksFailed";

// Records a check's outcome at `now`: HealthChecksFailed = its problem rows.
void emit_health_check(core::MetricSink& sink, const std::vector<HealthRow>& rows,
                       core::Timestamp now);

}  // namespace ae::ops
