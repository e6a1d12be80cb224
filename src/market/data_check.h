// `ae data check`: a health report of the bar store as of a trading day.
//   universe   members on the day (FAIL if there is no universe)
//   gates      every stored series re-checked with the quality gates (FAIL on
//              a blocking problem, WARN with the count of warnings)
//   quarantine one row per quarantined symbol-day (quarantine.h) with its
//              reason: symbol, date, adjusted and raw return (WARN: its
//              earlier bars are held out of the store)
//   coverage   share of the day's members with a bar, for the last 20 trading
//              days (FAIL below 95% on the as-of day, WARN below 95% earlier)
//   spy        SPY has a bar on the as-of day (FAIL when stale, with how many
//              trading days behind)
//   macro      VIX and the sector ETFs present and fresh (WARN otherwise)
//   gaps       member series with a run of more than 3 missing trading days
//              (WARN)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "market/bar_store.h"

namespace ae::market {

enum class CheckStatus { kOk, kWarn, kFail };

// "OK", "WARN", "FAIL".
std::string_view check_status_name(CheckStatus status);

struct CheckRow {
  std::string check;
  CheckStatus status = CheckStatus::kOk;
  std::string detail;
};

struct CheckReport {
  Date as_of;
  std::vector<CheckRow> rows;
  bool blocking() const;
};

inline constexpr double kMinCoverage = 0.95;
inline constexpr int kCoverageDays = 20;
inline constexpr int kMaxGapDays = 3;

CheckReport check_store(const BarStore& store, Date as_of);

// A fixed-width table: CHECK, STATUS, DETAIL.
std::string format_report(const CheckReport& report);

}  // namespace ae::market
