// Query-string parameters of the dashboard's API, parsed with limits. Every
// parse failure or out-of-range value throws core::InvalidInput naming the
// parameter (the server answers 400):
//   - integers are bounded ([1, max]; a larger request is refused, not clamped);
//   - dates are YYYY-MM-DD and a range spans at most kMaxRangeDays;
//   - tickers are 1-12 of [A-Z0-9.-] (upper-cased), names 1-128 of
//     [A-Za-z0-9_.:-].
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/date.h"

namespace ae::web {

using QueryParams = std::multimap<std::string, std::string>;

inline constexpr int kMaxRangeDays = 3660;
inline constexpr int kMaxRows = 5000;

std::optional<std::string> param(const QueryParams& params, const std::string& name);

int int_param(const QueryParams& params, const std::string& name, int fallback, int max);

std::optional<core::Date> date_param(const QueryParams& params, const std::string& name);

struct DateRange {
  std::optional<core::Date> from;
  std::optional<core::Date> to;
  // Inclusive; an open end is unbounded.
  bool contains(core::Date date) const;
  bool contains(const std::string& iso_date) const;
};
// `from`/`to` parameters; refuses from > to and spans beyond kMaxRangeDays.
DateRange range_param(const QueryParams& params);

std::string checked_ticker(const std::string& text);
// A name of stored things: 1-128 of [A-Za-z0-9_.:-]; checked_name throws
// InvalidInput otherwise.
bool is_valid_name(const std::string& text);
std::string checked_name(const std::string& text);

}  // namespace ae::web
