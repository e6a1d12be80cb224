#include "executor/planning/indicators.h"

#include <algorithm>
#include <cmath>

#include "core/statistics.h"
#include "market/features/smoothing.h"

namespace ae::executor {

double wilder_atr(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, int period) {
  const auto n = close.size();
  if (n < static_cast<std::size_t>(period) + 1) return NAN;
  // The first row has no true range (it needs a previous close).
  const auto atr = market::features::wilder_last(n, period, [&](std::size_t i) {
    if (i == 0) return double{NAN};
    return std::max(std::max(high[i] - low[i], std::abs(high[i] - close[i - 1])),
                    std::abs(low[i] - close[i - 1]));
  });
  return atr ? *atr : NAN;
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
