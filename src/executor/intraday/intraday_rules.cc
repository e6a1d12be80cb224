#include "executor/intraday/intraday_rules.h"

#include <algorithm>
#include <cmath>

namespace ae::executor {
namespace {

std::optional<double> number(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_number()) return std::nullopt;
  return j[key].get<double>();
}

}  // namespace

std::optional<std::string> entry_trigger(const core::ApprovedEntry& e, const Quote& q,
                                         int minute_of_day, const RiskConfig& c) {
  const auto enabled = [&](const char* name) { return !c.disabled_triggers.count(name); };
  if (e.triggers.value("market_on_open", false)) return "market_on_open";
  const double last = q.last;
  if (enabled("pullback")) {
    const auto pct = number(e.triggers, "pullback_pct");
    if (pct && *pct > 0 && q.day_high > 0 && (q.day_high - last) / q.day_high >= *pct)
      return "pullback";
  }
  if (enabled("vwap_discount")) {
    const auto vwap = number(e.triggers, "vwap");
    const double discount = number(e.triggers, "vwap_discount").value_or(c.vwap_discount);
    if (vwap && *vwap > 0 && (*vwap - last) / *vwap >= discount) return "vwap_discount";
  }
  if (enabled("support_bounce")) {
    const auto support = number(e.triggers, "support_level");
    if (support && *support > 0 && q.day_low >= *support) {
      const double distance = (last - *support) / *support;
      if (distance >= 0 && distance <= c.support_pct) return "support_bounce";
    }
  }
  if (minute_of_day >= c.expiry_minute) return "time_expiry";
  if (enabled("graduated_entry") && minute_of_day >= c.graduated_after_minute &&
      e.current_price > 0 && (last - e.current_price) / e.current_price <= c.graduated_max_rise)
    return "graduated_entry";
  return std::nullopt;
}

bool update_trail(core::ActiveStop& stop, double last, core::Date today, const RiskConfig& c) {
  const double trail = stop.trail_atr.value_or(0);
  if (!(last > stop.high_water) || trail <= 0) return false;
  stop.high_water = last;
  double multiple = stop.atr_multiple.value_or(c.stop_atr_multiple);
  if (core::days_between(stop.entry_date, today) >= c.tighten_after_days)
    multiple = std::min(multiple, c.tightened_atr_multiple);
  const double candidate = std::round((last - trail * multiple) * 100) / 100;
  if (candidate <= stop.current_stop) return false;
  stop.current_stop = candidate;
  return true;
}

std::optional<IntradayExit> intraday_exit(const core::ActiveStop& stop, const Quote& q, int held,
                                          const RiskConfig& c) {
  if (held <= 0) return std::nullopt;
  if (q.last <= stop.current_stop)
    return IntradayExit{core::ExitAction::kExit, held, "intraday_trailing_stop"};
  if (!stop.profit_take_executed.value_or(false) && stop.entry_price > 0 &&
      (q.last - stop.entry_price) / stop.entry_price >= c.intraday_profit_take_pct)
    return IntradayExit{core::ExitAction::kReduce, std::max(1, held / 2), "intraday_profit_take"};
  if (q.day_high > 0 && (q.day_high - q.last) / q.day_high >= c.collapse_pct)
    return IntradayExit{core::ExitAction::kExit, held, "intraday_collapse"};
  return std::nullopt;
}

}  // namespace ae::executor
