#include "market/quality.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <string>

#include "core/error.h"

namespace ae::market {
namespace {

std::string precise_number(double value) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

class IssueSink {
 public:
  IssueSink(std::string_view symbol, Date date, std::vector<QualityIssue>& out)
      : symbol_(symbol), date_(date), out_(out) {}
  void add(Severity severity, IssueKind kind, std::string_view field, std::string message,
           double magnitude = 0.0) {
    out_.push_back({severity, kind, std::string(symbol_), date_, std::string(field),
                    std::move(message), magnitude});
  }

 private:
  std::string_view symbol_;
  Date date_;
  std::vector<QualityIssue>& out_;
};

// The volume-spike rule's window: the last present volumes before a row.
constexpr std::size_t kVolumeWindow = 20;
using VolumeWindow = std::array<double, kVolumeWindow>;

// Fills `out` with up to kVolumeWindow present volumes before `row`, newest
// first; returns how many.
std::size_t previous_volumes(const BarSeries& series, std::size_t row, VolumeWindow& out) {
  const auto& volume = series.column(Field::kVolume);
  std::size_t count = 0;
  for (std::size_t i = row; i > 0 && count < kVolumeWindow; --i) {
    if (!std::isnan(volume[i - 1])) out[count++] = volume[i - 1];
  }
  return count;
}

// The median of `values` (reordered); NaN for fewer than 5.
double median_of(std::span<double> values) {
  if (values.size() < 5) return NAN;
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

// Whether one of the present volumes before `row` in its window is positive:
// a zero volume is news only in a series that trades (an index such as VIX
// has none on any day).
bool trades(const BarSeries& series, std::size_t row) {
  VolumeWindow window;
  const auto previous = std::span(window).first(previous_volumes(series, row, window));
  return std::any_of(previous.begin(), previous.end(), [](double v) { return v > 0; });
}

void check_row(const BarSeries& series, std::size_t row, double previous_close, IssueSink& sink) {
  const Bar bar = series.row(row);
  bool prices_finite = true;
  for (Field f : {Field::kOpen, Field::kHigh, Field::kLow, Field::kClose}) {
    const double v = bar.get(f);
    if (!std::isfinite(v)) {
      sink.add(Severity::kBlocking, IssueKind::kNonFinitePrice, field_name(f),
               std::string(field_name(f)) + " is " + precise_number(v));
      prices_finite = false;
    } else if (v <= 0) {
      sink.add(Severity::kBlocking, IssueKind::kNonPositivePrice, field_name(f),
               std::string(field_name(f)) + " " + precise_number(v) + " <= 0");
      prices_finite = false;
    }
  }
  if (!std::isfinite(bar.volume)) {
    sink.add(Severity::kBlocking, IssueKind::kNonFiniteVolume, "volume",
             "volume is " + precise_number(bar.volume));
  } else if (bar.volume < 0) {
    sink.add(Severity::kBlocking, IssueKind::kNegativeVolume, "volume",
             "negative volume " + precise_number(bar.volume));
  } else if (bar.volume == 0 && trades(series, row)) {
    sink.add(Severity::kWarning, IssueKind::kZeroVolume, "volume", "zero volume");
  }
  if (!std::isfinite(bar.factor) || bar.factor <= 0) {
    sink.add(Severity::kBlocking, IssueKind::kBadFactor, "factor",
             "adjustment factor " + precise_number(bar.factor) + " is not > 0");
  }
  if (!std::isnan(bar.vwap) && (!std::isfinite(bar.vwap) || bar.vwap <= 0)) {
    sink.add(Severity::kBlocking, IssueKind::kBadVwap, "vwap",
             "vwap " + precise_number(bar.vwap) + " is not > 0");
  }
  if (!prices_finite) return;
  if (bar.high < bar.low) {
    sink.add(Severity::kBlocking, IssueKind::kHighBelowLow, "high",
             "high " + precise_number(bar.high) + " < low " + precise_number(bar.low));
    return;
  }
  if (bar.close < bar.low || bar.close > bar.high) {
    sink.add(Severity::kBlocking, IssueKind::kCloseOutsideRange, "close",
             "close " + precise_number(bar.close) + " outside [low " + precise_number(bar.low) +
                 ", high " + precise_number(bar.high) + "]");
  }
  if (bar.open < bar.low || bar.open > bar.high) {
    const double outside =
        bar.open > bar.high ? bar.open / bar.high - 1.0 : 1.0 - bar.open / bar.low;
    sink.add(Severity::kWarning, IssueKind::kOpenOutsideRange, "open",
             "open " + precise_number(bar.open) + " outside [low " + precise_number(bar.low) +
                 ", high " + precise_number(bar.high) + "]",
             outside);
  }
  if (std::isfinite(previous_close) && previous_close > 0) {
    const double move = bar.close / previous_close - 1.0;
    if (std::abs(move) > kMaxDailyMove) {
      sink.add(Severity::kWarning, IssueKind::kLargeMove, "close",
               "daily move " + precise_number(move) + " exceeds " + precise_number(kMaxDailyMove),
               std::abs(move));
    }
  }
  // A spike is a volume above kMaxVolumeSpike times the window's median. The
  // median is at least the window's smallest, so a volume within that many
  // times the smallest is none, and the median is left uncomputed.
  if (!std::isfinite(bar.volume) || bar.volume <= 0) return;
  VolumeWindow window;
  const auto previous = std::span(window).first(previous_volumes(series, row, window));
  if (previous.empty() ||
      bar.volume <= kMaxVolumeSpike * *std::min_element(previous.begin(), previous.end()))
    return;
  const double median = median_of(previous);
  if (std::isfinite(median) && median > 0 && bar.volume > kMaxVolumeSpike * median) {
    const double ratio = bar.volume / median;
    sink.add(Severity::kWarning, IssueKind::kVolumeSpike, "volume",
             "volume " + precise_number(bar.volume) + " is " + precise_number(ratio) + "x the " +
                 std::to_string(kVolumeWindow) + "-day median",
             ratio);
  }
}

}  // namespace

std::string_view issue_kind_name(IssueKind kind) {
  switch (kind) {
    case IssueKind::kNonFinitePrice:
      return "non_finite_price";
    case IssueKind::kNonPositivePrice:
      return "non_positive_price";
    case IssueKind::kNonFiniteVolume:
      return "non_finite_volume";
    case IssueKind::kNegativeVolume:
      return "negative_volume";
    case IssueKind::kZeroVolume:
      return "zero_volume";
    case IssueKind::kBadFactor:
      return "bad_factor";
    case IssueKind::kBadVwap:
      return "bad_vwap";
    case IssueKind::kHighBelowLow:
      return "high_below_low";
    case IssueKind::kCloseOutsideRange:
      return "close_outside_range";
    case IssueKind::kOpenOutsideRange:
      return "open_outside_range";
    case IssueKind::kLargeMove:
      return "large_move";
    case IssueKind::kVolumeSpike:
      return "volume_spike";
  }
  return "?";
}

std::string_view severity_name(Severity severity) {
  return severity == Severity::kBlocking ? "blocking" : "warning";
}

std::string QualityIssue::describe() const {
  return symbol + " " + core::format_date(date) + " " + field + ": " + message;
}

std::vector<QualityIssue> check_series(std::string_view symbol, const BarSeries& series,
                                       const TradingCalendar& calendar, std::size_t first_row) {
  std::vector<QualityIssue> issues;
  const auto& close = series.column(Field::kClose);
  double previous_close = NAN;
  for (std::size_t i = first_row; i > 0; --i) {
    if (!std::isnan(close[i - 1])) {
      previous_close = close[i - 1];
      break;
    }
  }
  for (std::size_t row = first_row; row < series.size(); ++row) {
    const Bar bar = series.row(row);
    if (bar.missing()) continue;
    IssueSink sink(symbol, calendar.date_at(series.start_index + static_cast<std::int32_t>(row)),
                   issues);
    check_row(series, row, previous_close, sink);
    if (std::isfinite(bar.close) && bar.close > 0) previous_close = bar.close;
  }
  return issues;
}

std::vector<QualityIssue> enforce_gates(std::string_view symbol, const BarSeries& series,
                                        const TradingCalendar& calendar, std::size_t first_row) {
  std::vector<QualityIssue> issues = check_series(symbol, series, calendar, first_row);
  std::vector<QualityIssue> warnings;
  const QualityIssue* first_blocking = nullptr;
  std::size_t blocking = 0;
  for (const auto& issue : issues) {
    if (issue.severity == Severity::kBlocking) {
      if (first_blocking == nullptr) first_blocking = &issue;
      ++blocking;
    }
  }
  if (first_blocking != nullptr) {
    std::string message = "quality gate: " + first_blocking->describe();
    if (blocking > 1) message += " (and " + std::to_string(blocking - 1) + " more blocking)";
    throw core::InvalidInput(message);
  }
  for (auto& issue : issues) warnings.push_back(std::move(issue));
  return warnings;
}

void log_warnings(const std::vector<QualityIssue>& warnings) {
  for (const auto& warning : warnings) spdlog::debug("data quality: {}", warning.describe());
}

}  // namespace ae::market
