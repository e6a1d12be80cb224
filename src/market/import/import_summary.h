// What an import reports about its warnings and quarantined days:
//   summarize_warnings  per kind (quality.h): the count and the worst ones,
//                       worst first by the kind's magnitude (ties keep symbol
//                       and date order); kinds by count, largest first
//                       (equal counts in the order of IssueKind)
//   import_report_csv   the full list, one CSV row per warning or quarantined
//                       day: kind,severity,symbol,date,field,magnitude,message
//                       (a quarantined day: kind adjustment_jump, severity
//                       quarantine, field close, magnitude |adjusted - raw|,
//                       its reason as the message)
#pragma once

#include <string>
#include <vector>

#include "market/import/importer.h"

namespace ae::market {

inline constexpr std::size_t kWorstShown = 10;

struct KindSummary {
  IssueKind kind = IssueKind::kLargeMove;
  std::size_t count = 0;
  std::vector<QualityIssue> worst;  // at most kWorstShown
};

std::vector<KindSummary> summarize_warnings(const std::vector<QualityIssue>& warnings);

std::string import_report_csv(const ImportResult& result);

}  // namespace ae::market
