#include "market/session_closes.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

#include "core/contracts/health_writer.h"

namespace ae::market {
namespace {

constexpr const char* kModule = "daily_data";

SessionCloses check_closes(const BarStore& bars, const core::Clock& clock, core::Date date,
                           double max_missing_share) {
  const auto& calendar = bars.calendar();
  const std::string day = core::format_date(date);
  if (!calendar.is_trading_day(date))
    throw core::InvalidInput("data close: " + day + " is not a trading day");
  const auto last_closed = calendar.last_closed_trading_day(clock.now());
  if (date > last_closed)
    throw core::InvalidInput(fmt::format("data close: the session of {} has not closed (last {})",
                                         day, core::format_date(last_closed)));
  if (!bars.contains("SPY") || !std::isfinite(bars.read("SPY").value_on(Field::kClose, date)))
    throw DailyDataMissing("data close: SPY has no close on " + day);
  SessionCloses out;
  out.date = date;
  if (bars.has_universe()) {
    for (const auto& ticker : bars.read_universe().members_on(date)) {
      ++out.members;
      if (bars.contains(ticker) && std::isfinite(bars.read(ticker).value_on(Field::kClose, date)))
        ++out.with_close;
      else
        out.missing.push_back(ticker);
    }
  }
  std::sort(out.missing.begin(), out.missing.end());
  out.degraded = out.members > 0 && static_cast<double>(out.missing.size()) >
                                        max_missing_share * static_cast<double>(out.members);
  return out;
}

}  // namespace

SessionCloses record_session_closes(const BarStore& bars, core::ArtifactStore& store,
                                    const core::Clock& clock, core::Date date,
                                    double max_missing_share) {
  try {
    auto closes = check_closes(bars, clock, date, max_missing_share);
    std::vector<std::string> warnings;
    if (!closes.missing.empty())
      warnings.push_back(fmt::format("{} of {} members have no close on {}", closes.missing.size(),
                                     closes.members, core::format_date(date)));
    core::write_health(store, kModule,
                       closes.degraded ? core::HealthStatus::kDegraded : core::HealthStatus::kOk,
                       date, clock.now(),
                       {{"members", closes.members},
                        {"with_close", closes.with_close},
                        {"missing", closes.missing}},
                       warnings);
    spdlog::info("data close {}: {} of {} members closed{}", core::format_date(date),
                 closes.with_close, closes.members, closes.degraded ? " (degraded)" : "");
    return closes;
  } catch (const std::exception& e) {
    core::write_health(store, kModule, core::HealthStatus::kFailed, date, clock.now(),
                       nlohmann::json::object(), {}, e.what());
    throw;
  }
}

}  // namespace ae::market
