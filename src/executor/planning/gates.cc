#include "executor/planning/gates.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/contracts/contract.h"
#include "core/contracts/health.h"
#include "executor/errors.h"
#include "executor/planning/market_data.h"

namespace ae::executor {

const std::vector<UpstreamRequirement>& default_upstream_requirements() {
  static const std::vector<UpstreamRequirement> kRequirements = {
      {"research", 192, false}, {"predictor_inference", 26, false}, {"daily_data", 0, true}};
  return kRequirements;
}

void check_upstream_health(const core::ArtifactStore& store, core::Timestamp now,
                           core::Date last_session,
                           const std::vector<UpstreamRequirement>& requirements) {
  for (const auto& r : requirements) {
    const auto key = core::health_key(r.module);
    if (!store.exists(key))
      throw PipelineHardFail(fmt::format("upstream health gate: {} is missing", key));
    core::HealthRecord health;
    try {
      health = core::read_contract(store, core::Contract::kHealth, key).get<core::HealthRecord>();
    } catch (const core::InvalidInput& error) {
      throw PipelineHardFail(fmt::format("upstream health gate: {}", error.what()));
    }
    if (health.status != core::HealthStatus::kOk)
      throw PipelineHardFail(fmt::format("upstream health gate: {} status is {}{}", key,
                                         nlohmann::json(health.status).get<std::string>(),
                                         health.error ? " (" + *health.error + ")" : ""));
    if (!health.last_success)
      throw PipelineHardFail(fmt::format("upstream health gate: {} has no last_success", key));
    if (r.per_session) {
      if (health.run_date < last_session)
        throw PipelineHardFail(
            fmt::format("upstream health gate: {} covers {}, not the last session {}", key,
                        core::format_date(health.run_date), core::format_date(last_session)));
      continue;
    }
    const auto age = std::chrono::duration_cast<std::chrono::minutes>(now - *health.last_success);
    if (age > std::chrono::hours(r.max_age_hours))
      throw PipelineHardFail(
          fmt::format("upstream health gate: {} last succeeded {:.1f} h ago (max {} h)", key,
                      age.count() / 60.0, r.max_age_hours));
  }
}

void check_spy_fresh(const PriceHistories& histories, core::Date last_closed_day) {
  const auto spy = histories.find("SPY");
  if (spy == histories.end() || spy->second.empty())
    throw PipelineHardFail("SPY freshness gate: no SPY bars in the bar store");
  if (spy->second.dates.back() < last_closed_day)
    throw PipelineHardFail(fmt::format("SPY freshness gate: last SPY bar is {}, expected {}",
                                       core::format_date(spy->second.dates.back()),
                                       core::format_date(last_closed_day)));
}

core::TickerMap<double> fresh_atr(const PriceHistories& histories,
                                  const std::vector<std::string>& tickers, core::Date as_of,
                                  std::vector<std::string>& missing) {
  core::TickerMap<double> out;
  for (const auto& t : tickers) {
    const auto h = histories.find(t);
    const auto atr = h == histories.end() ? std::nullopt : atr_pct_as_of(h->second, as_of);
    if (atr) {
      out[t] = *atr;
    } else {
      missing.push_back(t);
    }
  }
  return out;
}

void require_atr(const std::vector<std::string>& missing, core::Date as_of) {
  if (!missing.empty())
    throw PipelineHardFail(fmt::format("ATR gate: no fresh ATR(14) as of {} for {}",
                                       core::format_date(as_of), fmt::join(missing, ", ")));
}

}  // namespace ae::executor
