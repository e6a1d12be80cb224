#include "charts/scale.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace ae::charts {
namespace {

// "1234567" -> "1,234,567" (the integer part of a printed number).
std::string group_thousands(const std::string& digits) {
  std::string out;
  const int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    out += digits[i];
    const int left = n - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  return out;
}

// |value| with `decimals` decimals and thousands separators, sign in front.
std::string plain(double value, int decimals, std::string_view prefix = {},
                  std::string_view suffix = {}) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::fabs(value));
  std::string text = buffer;
  const auto dot = text.find('.');
  std::string integer = text.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : text.substr(dot);
  std::string out = group_thousands(integer) + fraction;
  bool zero =
      std::all_of(out.begin(), out.end(), [](char c) { return c == '0' || c == '.' || c == ','; });
  return (value < 0 && !zero ? "-" : "") + std::string(prefix) + out + std::string(suffix);
}

// Decimals needed to print multiples of `step` exactly (step 0.25 -> 2).
int decimals_for(double step) {
  for (int d = 0; d < 8; ++d) {
    const double scaled = step * std::pow(10.0, d);
    if (std::fabs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) return d;
  }
  return 8;
}

std::string trim_zeros(std::string text) {
  if (text.find('.') == std::string::npos) return text;
  auto suffix_start = text.find_first_not_of("-$0123456789,.");
  std::string suffix = suffix_start == std::string::npos ? "" : text.substr(suffix_start);
  std::string number = text.substr(0, suffix_start);
  while (!number.empty() && number.back() == '0') number.pop_back();
  if (!number.empty() && number.back() == '.') number.pop_back();
  return number + suffix;
}

const std::array<const char*, 12> kMonthNames = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

Ticks nice_ticks(double low, double high, int target) {
  // Beyond +-1e300 the arithmetic below overflows; no chart means such values.
  constexpr double kLimit = 1e300;
  low = std::clamp(low, -kLimit, kLimit);
  high = std::clamp(high, -kLimit, kLimit);
  if (high < low) std::swap(low, high);
  if (high == low) {
    const double pad = low == 0.0 ? 1.0 : std::fabs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  const double rough = (high - low) / std::max(1, target);
  const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
  double step = magnitude * 10.0;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * magnitude >= rough) {
      step = m * magnitude;
      break;
    }
  }
  Ticks ticks;
  ticks.step = step;
  ticks.low = std::floor(low / step + 1e-9) * step;
  ticks.high = std::ceil(high / step - 1e-9) * step;
  if (ticks.high <= ticks.low) ticks.high = ticks.low + step;
  // A range far below the values' own precision can leave floor/ceil far
  // apart in steps; a few hundred ticks is already more than any axis shows.
  const int count = std::min(500, static_cast<int>(std::round((ticks.high - ticks.low) / step)));
  for (int i = 0; i <= count; ++i) {
    double v = ticks.low + i * step;
    if (std::fabs(v) < step * 1e-9) v = 0.0;
    ticks.values.push_back(v);
  }
  return ticks;
}

std::vector<DateTick> date_ticks(const std::vector<core::Date>& dates, int max_ticks) {
  std::vector<DateTick> ticks;
  if (dates.empty()) return ticks;
  max_ticks = std::max(2, max_ticks);
  const int span_days = core::days_between(dates.front(), dates.back());
  auto month_index = [](core::Date d) {
    return static_cast<int>(d.year()) * 12 + static_cast<int>(static_cast<unsigned>(d.month())) - 1;
  };

  if (span_days <= 45) {
    // Short spans: every k-th date, labelled "Apr 20".
    const std::size_t k = (dates.size() + max_ticks - 1) / max_ticks;
    for (std::size_t i = 0; i < dates.size(); i += std::max<std::size_t>(1, k)) {
      const auto& d = dates[i];
      ticks.push_back({i, std::string(kMonthNames[static_cast<unsigned>(d.month()) - 1]) + " " +
                              std::to_string(static_cast<unsigned>(d.day()))});
    }
    return ticks;
  }
  // Period lengths in months: 1, 3, 6, 12, 24, 60, 120.
  const int months_spanned = month_index(dates.back()) - month_index(dates.front()) + 1;
  int period = 120;
  for (int p : {1, 3, 6, 12, 24, 60, 120}) {
    if (months_spanned / p <= max_ticks) {
      period = p;
      break;
    }
  }
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const int m = month_index(dates[i]);
    if (m % period != 0) continue;
    // The first trading date of the month (the series' first date counts only
    // when it falls in the month's first week).
    const bool starts_month =
        i == 0 ? static_cast<unsigned>(dates[i].day()) <= 7 : month_index(dates[i - 1]) != m;
    if (!starts_month) continue;
    const auto& d = dates[i];
    std::string label = period >= 12
                            ? std::to_string(static_cast<int>(d.year()))
                            : std::string(kMonthNames[static_cast<unsigned>(d.month()) - 1]) + " " +
                                  std::to_string(static_cast<int>(d.year()));
    ticks.push_back({i, label});
  }
  return ticks;
}

std::string format_tick(double value, ValueFormat format, double step) {
  if (!std::isfinite(value)) return "n/a";
  switch (format) {
    case ValueFormat::kPercent:
      return plain(value * 100.0, decimals_for(step * 100.0), "", "%");
    case ValueFormat::kCurrency:
      // The unit follows the step so that every tick of an axis shares it.
      if (step >= 1e5) return plain(value / 1e6, decimals_for(step / 1e6), "$", "M");
      if (step >= 1e3) return plain(value / 1e3, decimals_for(step / 1e3), "$", "k");
      return plain(value, decimals_for(step), "$");
    case ValueFormat::kNumber:
      return plain(value, decimals_for(step));
  }
  return plain(value, 2);
}

std::string format_value(double value, ValueFormat format) {
  if (!std::isfinite(value)) return "n/a";
  const double magnitude = std::fabs(value);
  switch (format) {
    case ValueFormat::kPercent:
      return plain(value * 100.0, magnitude * 100.0 < 1.0 ? 2 : 1, "", "%");
    case ValueFormat::kCurrency:
      if (magnitude >= 1e6) return trim_zeros(plain(value / 1e6, 1, "$", "M"));
      return plain(value, magnitude >= 100.0 ? 0 : 2, "$");
    case ValueFormat::kNumber:
      if (magnitude != 0.0 && magnitude < 0.01) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.3g", value);
        return buffer;
      }
      return trim_zeros(plain(value, 2));
  }
  return plain(value, 2);
}

}  // namespace ae::charts
