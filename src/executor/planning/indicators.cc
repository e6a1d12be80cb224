#include "executor/planning/indicators.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "core/statistics.h"
#include "market/features/rolling.h"
#include "market/features/smoothing.h"

namespace ae::executor {

namespace {

// The true range of row i (none on the first row: it needs a previous close).
double true_range(const HighLowClose& x, std::size_t i) {
  return i == 0 ? NAN : market::features::true_range(x.high[i], x.low[i], x.close[i - 1]);
}

// How many recursions one loop advances side by side.
constexpr std::size_t kSideBySide = 4;

}  // namespace

double wilder_atr(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, int period) {
  double out = NAN;
  const HighLowClose series{high, low, close};
  wilder_atrs({&series, 1}, {&out, 1}, period);
  return out;
}

void wilder_atrs(std::span<const HighLowClose> series, std::span<double> out, int period) {
  using Smoother = market::features::Smoother<double, decltype(market::features::wilder_step(0))>;
  for (std::size_t first = 0; first < series.size(); first += kSideBySide) {
    const std::size_t count = std::min(kSideBySide, series.size() - first);
    std::array<std::optional<Smoother>, kSideBySide> smoothers;
    std::size_t longest = 0;
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t rows = series[first + k].close.size();
      // Too short for one value after the seed: NaN, as if never smoothed.
      if (rows >= static_cast<std::size_t>(period) + 1)
        smoothers[k].emplace(period, market::features::wilder_step(period));
      longest = std::max(longest, rows);
      out[first + k] = NAN;
    }
    for (std::size_t i = 0; i < longest; ++i) {
      for (std::size_t k = 0; k < count; ++k) {
        const auto& x = series[first + k];
        if (!smoothers[k] || i >= x.close.size()) continue;
        if (smoothers[k]->push(true_range(x, i)) && i + 1 == x.close.size())
          out[first + k] = smoothers[k]->value();
      }
    }
  }
}

double wilder_rsi(std::span<const double> close, int period) {
  const auto n = close.size();
  if (n < static_cast<std::size_t>(period) + 1) return NAN;
  // Gains and losses, from the second row on, smoothed in one pass.
  const auto smoothed =
      market::features::wilder_last(n, period, [&](std::size_t i) -> market::features::Pair {
        if (i == 0) return {NAN, NAN};
        const double change = close[i] - close[i - 1];
        return {std::max(change, 0.0), std::max(-change, 0.0)};
      });
  if (!smoothed) return NAN;
  const auto [gain, loss] = *smoothed;
  if (loss == 0) return 100;
  return 100 - 100 / (1 + gain / loss);
}

double momentum(std::span<const double> close, int bars) {
  if (close.size() < static_cast<std::size_t>(bars) + 1) return NAN;
  return close.back() / close[close.size() - 1 - bars] - 1.0;
}

std::vector<double> tail_returns(std::span<const double> close, int bars) {
  std::vector<double> out;
  if (close.size() < 2) return out;
  const std::size_t first =
      close.size() > static_cast<std::size_t>(bars) ? close.size() - bars - 1 : 0;
  for (std::size_t i = first + 1; i < close.size(); ++i) out.push_back(close[i] / close[i - 1] - 1);
  return out;
}

double pearson_tail(std::span<const double> a, std::span<const double> b, int min_points) {
  const std::size_t n = std::min(a.size(), b.size());
  if (n < static_cast<std::size_t>(min_points)) return NAN;
  return core::pearson(a.subspan(a.size() - n), b.subspan(b.size() - n));
}

}  // namespace ae::executor
