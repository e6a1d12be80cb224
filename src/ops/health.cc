#include "ops/health.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/contracts/contract.h"
#include "core/error.h"
#include "core/market_time.h"

namespace ae::ops {

FreshnessRule FreshnessRule::every_session(Anchor anchor, std::chrono::minutes due_after) {
  FreshnessRule rule;
  rule.session_anchor = anchor;
  rule.due_after = due_after;
  return rule;
}

FreshnessRule FreshnessRule::max_age(std::chrono::hours hours) {
  FreshnessRule rule;
  rule.hours = hours;
  return rule;
}

std::string FreshnessRule::describe() const {
  if (!session_anchor) return fmt::format("{}h", hours.count());
  const auto anchor = *session_anchor == Anchor::kOpen ? "open" : "close";
  if (due_after.count() == 0) return fmt::format("each session by {}", anchor);
  return fmt::format("each session by {}+{}m", anchor, due_after.count());
}

const FreshnessRules& default_freshness_rules() {
  using Anchor = FreshnessRule::Anchor;
  using std::chrono::minutes;
  static const FreshnessRules kRules = {
      {"predictor_inference", FreshnessRule::every_session(Anchor::kOpen, minutes(0))},
      {"executor", FreshnessRule::every_session(Anchor::kOpen, minutes(30))},
      {"eod_reconcile", FreshnessRule::every_session(Anchor::kClose, minutes(90))},
      {"daily_data", FreshnessRule::every_session(Anchor::kClose, minutes(90))},
      {"research", FreshnessRule::max_age(std::chrono::hours(192))},
      {"predictor_training", FreshnessRule::max_age(std::chrono::hours(192))}};
  return kRules;
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

namespace {

struct DueSession {
  core::Date date;
  core::Timestamp due;
};

// The latest session whose due time under `rule` is at or before `now`.
DueSession latest_due_session(const FreshnessRule& rule, core::Timestamp now,
                              const core::NyseCalendar& calendar) {
  core::Date date = core::new_york_date(now);
  if (!calendar.is_trading_day(date)) date = calendar.previous_trading_day(date);
  while (true) {
    const auto session = calendar.session(date);
    const auto anchor =
        *rule.session_anchor == FreshnessRule::Anchor::kOpen ? session.open : session.close;
    const core::Timestamp due = anchor + rule.due_after;
    if (due <= now) return {date, due};
    date = calendar.previous_trading_day(date);
  }
}

std::string hours_ago(std::chrono::seconds age) {
  return fmt::format("{:.1f}h ago", static_cast<double>(age.count()) / 3600.0);
}

// Why a record that has succeeded is stale under `rule` at `now`; empty when fresh.
std::string staleness(const FreshnessRule& rule, core::Timestamp last_success,
                      std::chrono::seconds age, core::Timestamp now,
                      const core::NyseCalendar& calendar) {
  if (!rule.session_anchor) {
    if (age <= rule.hours) return {};
    return fmt::format("last success {}, threshold {}h", hours_ago(age), rule.hours.count());
  }
  const auto due = latest_due_session(rule, now, calendar);
  if (last_success >= core::new_york_instant(due.date, std::chrono::minutes(0))) return {};
  const auto due_time = core::new_york_time_of_day(due.due).count();
  return fmt::format("no success for the {} session (due {:02}:{:02} ET); last success {}",
                     core::format_date(due.date), due_time / 60, due_time % 60, hours_ago(age));
}

}  // namespace

std::vector<HealthRow> read_health(const core::ArtifactStore& store, const FreshnessRules& rules) {
  std::set<std::string> modules;
  for (const auto& [module, rule] : rules) modules.insert(module);
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
    if (auto found = rules.find(module); found != rules.end()) row.rule = found->second;
    try {
      row.record = core::read_contract(store, core::Contract::kHealth, core::health_key(module))
                       .get<core::HealthRecord>();
    } catch (const core::NotFound&) {
      row.verdict = HealthVerdict::kMissing;
      row.detail = "no " + core::health_key(module);
    } catch (const std::exception& e) {
      row.verdict = HealthVerdict::kUnreadable;
      row.detail = e.what();
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

void judge_health(std::vector<HealthRow>& rows, core::Timestamp now,
                  const core::NyseCalendar& calendar) {
  for (auto& row : rows) {
    if (!row.record) continue;  // missing or unreadable, as read
    const auto& record = *row.record;
    if (record.last_success)
      row.age = std::chrono::duration_cast<std::chrono::seconds>(now - *record.last_success);
    const auto stale =
        record.status != core::HealthStatus::kFailed && row.rule && record.last_success
            ? staleness(*row.rule, *record.last_success, *row.age, now, calendar)
            : std::string();
    if (record.status == core::HealthStatus::kFailed) {
      row.verdict = HealthVerdict::kFailed;
      row.detail = record.error.value_or("status failed");
    } else if (row.rule && !record.last_success) {
      row.verdict = HealthVerdict::kStale;
      row.detail = "never succeeded";
    } else if (!stale.empty()) {
      row.verdict = HealthVerdict::kStale;
      row.detail = stale;
    } else if (record.status == core::HealthStatus::kDegraded) {
      row.verdict = HealthVerdict::kDegraded;
      row.detail = record.warnings.empty() ? "degraded" : record.warnings.front();
    }
  }
}

std::vector<HealthRow> check_health(const core::ArtifactStore& store, core::Timestamp now,
                                    const FreshnessRules& rules,
                                    const core::NyseCalendar& calendar) {
  auto rows = read_health(store, rules);
  judge_health(rows, now, calendar);
  return rows;
}

void emit_health_check(core::MetricSink& sink, const std::vector<HealthRow>& rows,
                       core::Timestamp now) {
  const auto problems = std::count_if(rows.begin(), rows.end(),
                                      [](const HealthRow& row) { return row.is_problem(); });
  sink.put_metric({.name_space = kHealthMetricNamespace,
                   .name = kHealthChecksFailedMetric,
                   .dimensions = {},
                   .value = static_cast<double>(problems),
                   .unit = "Count",
                   .timestamp = now});
}

}  // namespace ae::ops
