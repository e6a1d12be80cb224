#include "market/calendar.h"

#include <algorithm>

#include "core/error.h"
#include "core/nyse_calendar.h"

namespace ae::market {

TradingCalendar::TradingCalendar() {
  static_assert(kCalendarEpoch == core::NyseCalendar::first_date);
  static_assert(kCalendarHorizon == core::NyseCalendar::last_date);
  days_ = core::NyseCalendar().trading_days_between(kCalendarEpoch, kCalendarHorizon);
}

Date TradingCalendar::date_at(std::int32_t index) const {
  if (index < 0 || index >= size()) {
    throw core::InvalidInput("trading calendar index " + std::to_string(index) +
                             " is outside [0, " + std::to_string(size()) + ")");
  }
  return days_[static_cast<std::size_t>(index)];
}

bool TradingCalendar::is_trading_day(Date date) const {
  return std::binary_search(days_.begin(), days_.end(), date);
}

std::int32_t TradingCalendar::index_of(Date date) const {
  const auto it = std::lower_bound(days_.begin(), days_.end(), date);
  if (it == days_.end() || *it != date) {
    if (date < kCalendarEpoch || date > kCalendarHorizon) {
      throw core::InvalidInput("date " + core::format_date(date) + " is outside the calendar (" +
                               core::format_date(kCalendarEpoch) + " to " +
                               core::format_date(kCalendarHorizon) + ")");
    }
    throw core::InvalidInput("date " + core::format_date(date) + " is not an NYSE trading day");
  }
  return static_cast<std::int32_t>(it - days_.begin());
}

std::optional<std::int32_t> TradingCalendar::first_index_on_or_after(Date date) const {
  const auto it = std::lower_bound(days_.begin(), days_.end(), date);
  if (it == days_.end()) return std::nullopt;
  return static_cast<std::int32_t>(it - days_.begin());
}

std::optional<std::int32_t> TradingCalendar::last_index_on_or_before(Date date) const {
  const auto it = std::upper_bound(days_.begin(), days_.end(), date);
  if (it == days_.begin()) return std::nullopt;
  return static_cast<std::int32_t>(it - days_.begin()) - 1;
}

Date TradingCalendar::last_closed_trading_day(core::Timestamp instant) const {
  return core::NyseCalendar().last_closed_trading_day(instant);
}

}  // namespace ae::market
