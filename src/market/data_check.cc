#include "market/data_check.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.h"

namespace ae::market {
std::string_view check_status_name(CheckStatus status) {
  switch (status) {
    case CheckStatus::kOk:
      return "OK";
    case CheckStatus::kWarn:
      return "WARN";
    case CheckStatus::kFail:
      return "FAIL";
  }
  return "?";
}

namespace {

std::string percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * share);
  return buffer;
}

// Trading days between the series' last present bar and `as_of_index`.
std::optional<int> staleness(const BarStore& store, std::string_view symbol,
                             std::int32_t as_of_index) {
  if (!store.contains(symbol)) return std::nullopt;
  const SeriesView view = store.read(symbol);
  const std::int32_t limit = std::min(view.end_index(), as_of_index + 1);
  const auto close = view.field(Field::kClose);
  for (std::int32_t i = limit - 1; i >= view.start_index(); --i) {
    if (!std::isnan(close[static_cast<std::size_t>(i - view.start_index())]))
      return as_of_index - i;
  }
  return std::nullopt;
}

void check_gates(const BarStore& store, std::vector<CheckRow>& rows) {
  std::size_t blocking = 0, warnings = 0;
  std::string first_blocking, first_warning;
  for (const auto& symbol : store.symbols()) {
    BarSeries series;
    try {
      series = store.read(symbol).to_series();
    } catch (const core::Error& e) {
      ++blocking;
      if (first_blocking.empty()) first_blocking = e.what();
      continue;
    }
    for (const auto& issue : check_series(symbol, series, store.calendar())) {
      if (issue.severity == Severity::kBlocking) {
        if (blocking++ == 0) first_blocking = issue.describe();
      } else if (warnings++ == 0) {
        first_warning = issue.describe();
      }
    }
  }
  if (blocking > 0) {
    rows.push_back({"gates", CheckStatus::kFail,
                    std::to_string(blocking) + " blocking problem(s), first: " + first_blocking});
  } else if (warnings > 0) {
    rows.push_back({"gates", CheckStatus::kWarn,
                    std::to_string(warnings) + " warning(s), first: " + first_warning});
  } else {
    rows.push_back({"gates", CheckStatus::kOk, "every stored bar passes"});
  }
}

void check_quarantine(const BarStore& store, std::vector<CheckRow>& rows) {
  const auto days = store.read_quarantine();
  if (days.empty()) rows.push_back({"quarantine", CheckStatus::kOk, "no quarantined symbol-day"});
  for (const auto& day : days) rows.push_back({"quarantine", CheckStatus::kWarn, day.reason()});
}

void check_coverage(const BarStore& store, const Universe& universe, std::int32_t as_of_index,
                    std::vector<CheckRow>& rows) {
  const TradingCalendar& calendar = store.calendar();
  const std::int32_t first = std::max(0, as_of_index - kCoverageDays + 1);
  std::map<std::string, SeriesView> views;
  for (const auto& c : universe.constituents) {
    if (store.contains(c.ticker)) views.emplace(c.ticker, store.read(c.ticker));
  }
  double worst_earlier = 1.0;
  std::string worst_day;
  for (std::int32_t day = first; day <= as_of_index; ++day) {
    const Date date = calendar.date_at(day);
    std::size_t members = 0, present = 0;
    for (const auto& c : universe.constituents) {
      if (!c.member_on(date)) continue;
      ++members;
      const auto it = views.find(c.ticker);
      if (it != views.end() && !std::isnan(it->second.value_on(Field::kClose, date))) ++present;
    }
    const double share =
        members == 0 ? 0.0 : static_cast<double>(present) / static_cast<double>(members);
    if (day == as_of_index) {
      rows.push_back({"coverage", share < kMinCoverage ? CheckStatus::kFail : CheckStatus::kOk,
                      core::format_date(date) + ": " + std::to_string(present) + "/" +
                          std::to_string(members) + " members have a bar (" + percent(share) +
                          ")"});
    } else if (share < worst_earlier) {
      worst_earlier = share;
      worst_day = core::format_date(date);
    }
  }
  if (worst_earlier < kMinCoverage) {
    rows.push_back({"coverage-history", CheckStatus::kWarn,
                    "lowest in the last " + std::to_string(kCoverageDays) + " days: " + worst_day +
                        " " + percent(worst_earlier)});
  } else {
    rows.push_back({"coverage-history", CheckStatus::kOk,
                    "every one of the last " + std::to_string(kCoverageDays) +
                        " days >= " + percent(kMinCoverage)});
  }
}

void check_gaps(const BarStore& store, const Universe& universe, std::vector<CheckRow>& rows) {
  std::size_t with_gaps = 0;
  std::string example;
  for (const auto& c : universe.constituents) {
    if (!store.contains(c.ticker)) continue;
    const SeriesView view = store.read(c.ticker);
    const auto close = view.field(Field::kClose);
    int run = 0;
    bool flagged = false;
    for (std::size_t i = 0; i < close.size() && !flagged; ++i) {
      run = std::isnan(close[i]) ? run + 1 : 0;
      if (run > kMaxGapDays) {
        flagged = true;
        if (example.empty()) example = c.ticker + " at " + core::format_date(view.date_at(i));
      }
    }
    with_gaps += flagged ? 1 : 0;
  }
  if (with_gaps > 0) {
    rows.push_back({"gaps", CheckStatus::kWarn,
                    std::to_string(with_gaps) + " series with a gap over " +
                        std::to_string(kMaxGapDays) + " trading days (e.g. " + example + ")"});
  } else {
    rows.push_back(
        {"gaps", CheckStatus::kOk, "no gap over " + std::to_string(kMaxGapDays) + " trading days"});
  }
}

}  // namespace

bool CheckReport::blocking() const {
  return std::any_of(rows.begin(), rows.end(),
                     [](const CheckRow& row) { return row.status == CheckStatus::kFail; });
}

CheckReport check_store(const BarStore& store, Date as_of) {
  CheckReport report;
  report.as_of = as_of;
  const std::int32_t as_of_index = store.calendar().index_of(as_of);
  if (!store.has_universe()) {
    report.rows.push_back(
        {"universe", CheckStatus::kFail, "no universe.json in " + store.root().string()});
    check_gates(store, report.rows);
    check_quarantine(store, report.rows);
    return report;
  }
  const Universe universe = store.read_universe();
  const auto members = universe.members_on(as_of);
  report.rows.push_back({"universe", members.empty() ? CheckStatus::kFail : CheckStatus::kOk,
                         std::to_string(members.size()) + " members on " +
                             core::format_date(as_of) + " (" +
                             std::to_string(universe.constituents.size()) + " tickers in all)"});
  check_gates(store, report.rows);
  check_quarantine(store, report.rows);
  check_coverage(store, universe, as_of_index, report.rows);

  const auto spy = staleness(store, "SPY", as_of_index);
  if (!spy) {
    report.rows.push_back({"spy", CheckStatus::kFail, "no SPY bars"});
  } else if (*spy > 0) {
    report.rows.push_back({"spy", CheckStatus::kFail,
                           "stale: last bar " + std::to_string(*spy) + " trading day(s) before " +
                               core::format_date(as_of)});
  } else {
    report.rows.push_back({"spy", CheckStatus::kOk, "fresh on " + core::format_date(as_of)});
  }

  std::vector<std::string> stale_macro;
  for (const auto& symbol : universe.macro_symbols) {
    if (symbol == "SPY") continue;
    const auto behind = staleness(store, symbol, as_of_index);
    if (!behind || *behind > 0) stale_macro.push_back(symbol);
  }
  if (stale_macro.empty()) {
    report.rows.push_back({"macro", CheckStatus::kOk,
                           std::to_string(universe.macro_symbols.size()) + " macro series fresh"});
  } else {
    std::string list;
    for (const auto& s : stale_macro) list += (list.empty() ? "" : ", ") + s;
    report.rows.push_back({"macro", CheckStatus::kWarn, "missing or stale: " + list});
  }
  check_gaps(store, universe, report.rows);
  return report;
}

std::string format_report(const CheckReport& report) {
  std::size_t width = 5;
  for (const auto& row : report.rows) width = std::max(width, row.check.size());
  auto pad = [](std::string text, std::size_t n) {
    text.resize(std::max(n, text.size()), ' ');
    return text;
  };
  std::string out = pad("CHECK", width) + "  STATUS  DETAIL\n";
  for (const auto& row : report.rows) {
    out += pad(row.check, width) + "  " + pad(std::string(check_status_name(row.status)), 6) +
           "  " + row.detail + "\n";
  }
  return out;
}

}  // namespace ae::market
