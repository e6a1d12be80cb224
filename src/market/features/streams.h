// Streaming forms of the rolling primitives: each object is fed one row at a
// time, in row order, and returns that row's output, NaN until its window of
// finite values is complete (a non-finite value poisons every window that
// holds it). The column functions of rolling.h are loops over these, and
// reference_features.cc feeds several in each of its passes over a symbol's
// rows, so a feature has the same arithmetic (bit for bit) either way. The
// objects keep running sums, never a column. With Inputs::kFinite (the
// caller has checked that every value it pushes is finite) they skip the
// checks, and nothing else changes.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>

#include "core/missing_value.h"
#include "market/features/smoothing.h"

namespace ae::market::features {

using core::kNaN;

// A window of the last n rows, fed row by row: push(entering, leaving) takes
// this row's value and the one n rows back, which leaves the window (ignored
// during the first n rows). The caller holds the values (a column, or a
// History of a series it computes on the fly), so windows of several lengths
// over one series share them.

// Mean of the last n values.
template <Inputs kInputs = Inputs::kAny>
class MovingAverage {
 public:
  explicit MovingAverage(int n) : n_(n) {}
  double push(double entering, double leaving) {
    if (kInputs == Inputs::kFinite || std::isfinite(entering)) {
      sum_ += entering;
    } else {
      ++bad_;
    }
    if (rows_++ >= n_) {
      if (kInputs == Inputs::kFinite || std::isfinite(leaving)) {
        sum_ -= leaving;
      } else {
        --bad_;
      }
    }
    return rows_ >= n_ && bad_ == 0 ? sum_ / n_ : kNaN;
  }

 private:
  int n_, rows_ = 0, bad_ = 0;
  double sum_ = 0;
};

// Sample standard deviation (ddof = 1) of the last n values. The sums are of
// the values less the first finite value, which keeps cancellation small for
// prices and returns alike.
template <Inputs kInputs = Inputs::kAny>
class MovingStd {
 public:
  explicit MovingStd(int n) : n_(n) {}
  double push(double entering, double leaving) {
    if (kInputs == Inputs::kFinite || std::isfinite(entering)) {
      if (std::isnan(shift_)) shift_ = entering;
      sum_ += entering - shift_;
      sum2_ += (entering - shift_) * (entering - shift_);
    } else {
      ++bad_;
    }
    if (rows_++ >= n_) {
      if (kInputs == Inputs::kFinite || std::isfinite(leaving)) {
        sum_ -= leaving - shift_;
        sum2_ -= (leaving - shift_) * (leaving - shift_);
      } else {
        --bad_;
      }
    }
    if (rows_ < n_ || bad_ != 0) return kNaN;
    const double var = (sum2_ - sum_ * sum_ / n_) / (n_ - 1);
    return std::sqrt(std::max(0.0, var));
  }

 private:
  int n_, rows_ = 0, bad_ = 0;
  double shift_ = kNaN, sum_ = 0, sum2_ = 0;
};

// Sample covariance (ddof = 1) of the last n pairs; a pair counts as finite
// when both values are.
template <Inputs kInputs = Inputs::kAny>
class MovingCov {
 public:
  explicit MovingCov(int n) : n_(n) {}
  double push(double x, double y, double leaving_x, double leaving_y) {
    if (kInputs == Inputs::kFinite || (std::isfinite(x) && std::isfinite(y))) {
      sx_ += x;
      sy_ += y;
      sxy_ += x * y;
    } else {
      ++bad_;
    }
    if (rows_++ >= n_) {
      if (kInputs == Inputs::kFinite || (std::isfinite(leaving_x) && std::isfinite(leaving_y))) {
        sx_ -= leaving_x;
        sy_ -= leaving_y;
        sxy_ -= leaving_x * leaving_y;
      } else {
        --bad_;
      }
    }
    return rows_ >= n_ && bad_ == 0 ? (sxy_ - sx_ * sy_ / n_) / (n_ - 1) : kNaN;
  }

 private:
  int n_, rows_ = 0, bad_ = 0;
  double sx_ = 0, sy_ = 0, sxy_ = 0;
};

// x[i - n], the value leaving a window of n at row i (NaN before row n,
// where the streams do not read it).
inline double leaving(std::span<const double> x, std::size_t i, int n) {
  return i >= static_cast<std::size_t>(n) ? x[i - static_cast<std::size_t>(n)] : kNaN;
}

// The last N - 1 values of a series computed row by row (N a power of two),
// for the windows over it: ago(k) after push(v) is the value pushed k rows
// before v (k < N; a value never pushed reads as NaN).
template <std::size_t N>
class History {
  static_assert(std::has_single_bit(N));

 public:
  History() { ring_.fill(kNaN); }
  void push(double v) { ring_[++last_ & (N - 1)] = v; }
  double ago(std::size_t k) const { return ring_[(last_ - k) & (N - 1)]; }

 private:
  std::array<double, N> ring_;
  std::size_t last_ = N - 1;
};

}  // namespace ae::market::features
