#include "market/import/import_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace ae::market {
namespace {

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

std::string csv_row(std::string_view kind, std::string_view severity, const std::string& symbol,
                    Date date, std::string_view field, double magnitude,
                    const std::string& message) {
  return std::string(kind) + "," + std::string(severity) + "," + symbol + "," +
         core::format_date(date) + "," + std::string(field) + "," + number(magnitude) + "," +
         quoted(message) + "\n";
}

}  // namespace

std::vector<KindSummary> summarize_warnings(const std::vector<QualityIssue>& warnings) {
  std::map<IssueKind, std::vector<const QualityIssue*>> by_kind;
  for (const auto& warning : warnings) by_kind[warning.kind].push_back(&warning);
  std::vector<KindSummary> out;
  for (auto& [kind, list] : by_kind) {
    std::stable_sort(list.begin(), list.end(), [](const QualityIssue* a, const QualityIssue* b) {
      return a->magnitude > b->magnitude;
    });
    KindSummary summary{kind, list.size(), {}};
    for (std::size_t i = 0; i < list.size() && i < kWorstShown; ++i) {
      summary.worst.push_back(*list[i]);
    }
    out.push_back(std::move(summary));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const KindSummary& a, const KindSummary& b) { return a.count > b.count; });
  return out;
}

std::string import_report_csv(const ImportResult& result) {
  std::string out = "kind,severity,symbol,date,field,magnitude,message\n";
  for (const auto& w : result.warnings) {
    out += csv_row(issue_kind_name(w.kind), severity_name(w.severity), w.symbol, w.date, w.field,
                   w.magnitude, w.message);
  }
  for (const auto& q : result.quarantined) {
    out += csv_row("adjustment_jump", "quarantine", q.symbol, q.date, "close",
                   std::abs(q.adjusted_return - q.raw_return), q.reason());
  }
  return out;
}

}  // namespace ae::market
