// Data-quality gates run on every write to the bar store (as the reference's
// price_validator): a blocking problem refuses the write with an error naming
// symbol, date and field; a warning is returned (and logged by the caller).
//   blocking: a NaN/inf price, open/high/low/close <= 0, high < low, close
//             outside [low, high], NaN or negative volume, factor <= 0 or NaN;
//   warning:  |close/previous close - 1| > 50%, volume > 10x the median of the
//             previous 20 volumes, zero volume where one of the previous 20
//             volumes is positive (a series without volume, an index, is
//             not warned about every day), open outside [low, high].
// A row whose four prices are all NaN is a missing bar and is not checked.
// Each issue names its kind (the check that raised it) and a magnitude that
// orders the issues of one kind, worst first:
//   large_move          |close / previous close - 1|
//   volume_spike        volume / median of the previous 20 volumes
//   open_outside_range  distance of the open outside [low, high], relative to
//                       the bound it crosses
//   every other kind    0 (no degree: they keep symbol and date order)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "market/bar.h"
#include "market/calendar.h"

namespace ae::market {

enum class Severity { kWarning, kBlocking };

enum class IssueKind {
  kNonFinitePrice,
  kNonPositivePrice,
  kNonFiniteVolume,
  kNegativeVolume,
  kZeroVolume,
  kBadFactor,
  kBadVwap,
  kHighBelowLow,
  kCloseOutsideRange,
  kOpenOutsideRange,
  kLargeMove,
  kVolumeSpike,
};

// "volume_spike", "zero_volume", ...: the name reports and summaries use.
std::string_view issue_kind_name(IssueKind kind);
std::string_view severity_name(Severity severity);  // "warning" | "blocking"

struct QualityIssue {
  Severity severity = Severity::kWarning;
  IssueKind kind = IssueKind::kLargeMove;
  std::string symbol;
  Date date;
  std::string field;
  std::string message;
  double magnitude = 0.0;

  // "AAPL 2026-04-20 close: close 0 <= 0"
  std::string describe() const;
};

inline constexpr double kMaxDailyMove = 0.50;
inline constexpr double kMaxVolumeSpike = 10.0;

// Checks rows [first_row, series.size()), using earlier rows as history.
std::vector<QualityIssue> check_series(std::string_view symbol, const BarSeries& series,
                                       const TradingCalendar& calendar, std::size_t first_row = 0);

// check_series, then throws core::InvalidInput with the first blocking issue
// (and how many there were). Returns the warnings.
std::vector<QualityIssue> enforce_gates(std::string_view symbol, const BarSeries& series,
                                        const TradingCalendar& calendar, std::size_t first_row = 0);

// Logs each warning at debug level (callers summarise them, see
// import/import_summary.h).
void log_warnings(const std::vector<QualityIssue>& warnings);

}  // namespace ae::market
