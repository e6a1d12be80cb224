// Recursive smoothing of a series given by value(i), i in [0, size): seeded
// with the mean of the first n values from the first finite one, then one
// step per further value; a non-finite value after the seed ends the series.
// emit(i, s) is called for every row that has a value. Header-only, so a
// caller can smooth values it computes on the fly (the executor's true ranges
// and gains) without writing them to a column first. A value is a double, or
// a Pair to smooth two series in one pass (each with the same arithmetic as
// alone; a row is finite when both are).
//
// Wilder's smoothing (alpha = 1/n) is s = (s * (n - 1) + x) / n. It is the one
// implementation behind the reference features' RSI-14 and ATR-14 columns
// (rolling.h wilder) and the executor's last-bar ATR and RSI.
#pragma once

#include <cmath>
#include <cstddef>
#include <optional>

namespace ae::market::features {

struct Pair {
  double first = 0, second = 0;
};
inline Pair operator+(Pair a, Pair b) { return {a.first + b.first, a.second + b.second}; }
inline Pair operator*(Pair a, int k) { return {a.first * k, a.second * k}; }
inline Pair operator/(Pair a, int k) { return {a.first / k, a.second / k}; }
inline bool is_finite(Pair p) { return std::isfinite(p.first) && std::isfinite(p.second); }
inline bool is_finite(double x) { return std::isfinite(x); }

template <typename Value, typename Step, typename Emit>
void smooth(std::size_t size, int n, Value value, Step step, Emit emit) {
  using T = decltype(value(std::size_t{0}));
  const auto w = static_cast<std::size_t>(n);
  std::size_t start = 0;
  while (start < size && !is_finite(value(start))) ++start;
  if (start + w > size) return;
  T seed{};
  for (std::size_t i = start; i < start + w; ++i) seed = seed + value(i);
  T s = seed / n;
  emit(start + w - 1, s);
  for (std::size_t i = start + w; i < size; ++i) {
    const T x = value(i);
    if (!is_finite(x)) return;
    s = step(s, x);
    emit(i, s);
  }
}

inline auto wilder_step(int n) {
  return [n](auto s, auto x) { return (s * (n - 1) + x) / n; };
}

// Wilder's smoothing of value(0..size) at its last row; none when that row
// has no value (too short, or a hole after the seed).
template <typename Value>
auto wilder_last(std::size_t size, int n, Value value) {
  std::optional<decltype(value(std::size_t{0}))> last;
  smooth(size, n, value, wilder_step(n), [&](std::size_t i, auto s) {
    if (i + 1 == size) last = s;
  });
  return last;
}

}  // namespace ae::market::features
