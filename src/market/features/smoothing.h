// Recursive smoothing of a series given by value(i), i in [0, size): seeded
// with the mean of the first n values from the first finite one, then one
// step per further value; a non-finite value after the seed ends the series.
// emit(i, s) is called for every row that has a value; Smoother is the same
// fed one value at a time (reference_features.cc runs several in one loop).
// Header-only, so a caller can smooth values it computes on the fly (the
// executor's true ranges and gains) without writing them to a column first.
// A value is a double, or a Pair to smooth two series in one pass (each with
// the same arithmetic as alone; a row is finite when both are).
//
// Wilder's smoothing (alpha = 1/n) is s = (s * (n - 1) + x) / n. It is the one
// implementation behind the reference features' RSI-14 and ATR-14 columns
// (and rolling.h wilder) and the executor's last-bar ATR and RSI; the EMA
// (alpha = 2/(n+1)) is s + alpha * (x - s).
//
// Smoother (and the windows of streams.h) take Inputs::kFinite from a caller
// that has checked every value it will push is finite: the same arithmetic,
// without a finiteness check per value.
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

enum class Inputs { kAny, kFinite };

// The smoothing fed one value per row: push(x) returns true, with the value
// in value(), for every row that has one.
template <typename T, typename Step, Inputs kInputs = Inputs::kAny>
class Smoother {
 public:
  Smoother(int n, Step step) : n_(n), step_(step) {}

  bool push(T x) {
    switch (phase_) {
      case Phase::kBeforeFirst:
        if (kInputs == Inputs::kAny && !is_finite(x)) return false;
        phase_ = Phase::kSeeding;
        [[fallthrough]];
      case Phase::kSeeding:
        s_ = s_ + x;  // the seed's sum, from T{}
        if (++seeded_ < n_) return false;
        s_ = s_ / n_;
        phase_ = Phase::kRunning;
        return true;
      case Phase::kRunning:
        if (kInputs == Inputs::kAny && !is_finite(x)) {
          phase_ = Phase::kEnded;
          return false;
        }
        s_ = step_(s_, x);
        return true;
      case Phase::kEnded:
        break;
    }
    return false;
  }
  T value() const { return s_; }
  bool ended() const { return phase_ == Phase::kEnded; }

 private:
  enum class Phase { kBeforeFirst, kSeeding, kRunning, kEnded };
  int n_, seeded_ = 0;
  Step step_;
  Phase phase_ = Phase::kBeforeFirst;
  T s_{};
};

template <typename Value, typename Step, typename Emit>
void smooth(std::size_t size, int n, Value value, Step step, Emit emit) {
  Smoother<decltype(value(std::size_t{0})), Step> smoother(n, step);
  for (std::size_t i = 0; i < size && !smoother.ended(); ++i) {
    if (smoother.push(value(i))) emit(i, smoother.value());
  }
}

inline auto wilder_step(int n) {
  return [n](auto s, auto x) { return (s * (n - 1) + x) / n; };
}

// The EMA's step, alpha = 2 / (n + 1).
inline auto ema_step(int n) {
  return [alpha = 2.0 / (n + 1.0)](double s, double x) { return s + alpha * (x - s); };
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
