#include "executor/indicators.h"

#include <algorithm>
#include <cmath>

#include "core/statistics.h"

namespace ae::executor {

double wilder_atr(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, int period) {
  const auto n = close.size();
  if (n < static_cast<std::size_t>(period) + 1) return NAN;
  // The seed and the smoothing as two loops (no branch per row); the same
  // operations in the same order as one loop, so the same bits.
  auto true_range = [&](std::size_t i) {
    return std::max(std::max(high[i] - low[i], std::abs(high[i] - close[i - 1])),
                    std::abs(low[i] - close[i - 1]));
  };
  const auto seed_rows = static_cast<std::size_t>(period);
  const double decay = 1.0 - 1.0 / period;
  double atr = 0;
  for (std::size_t i = 1; i <= seed_rows; ++i) atr += true_range(i) / period;
  for (std::size_t i = seed_rows + 1; i < n; ++i) atr = atr * decay + true_range(i) / period;
  return atr;
}

double wilder_rsi(std::span<const double> close, int period) {
  const auto n = close.size();
  if (n < static_cast<std::size_t>(period) + 1) return NAN;
  // Seed and smoothing as two loops, the same operations in the same order.
  const auto seed_rows = static_cast<std::size_t>(period);
  double gain = 0, loss = 0;
  for (std::size_t i = 1; i <= seed_rows; ++i) {
    const double change = close[i] - close[i - 1];
    gain += std::max(change, 0.0) / period;
    loss += std::max(-change, 0.0) / period;
  }
  for (std::size_t i = seed_rows + 1; i < n; ++i) {
    const double change = close[i] - close[i - 1];
    gain = (gain * (period - 1) + std::max(change, 0.0)) / period;
    loss = (loss * (period - 1) + std::max(-change, 0.0)) / period;
  }
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
