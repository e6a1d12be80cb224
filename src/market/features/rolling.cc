#include "market/features/rolling.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

#include "market/features/smoothing.h"

namespace ae::market::features {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Running sums over a window, tracking non-finite entries in it.
template <typename Emit>
void windowed(Column x, int n, Out out, Emit emit) {
  const auto w = static_cast<std::size_t>(n);
  double sum = 0, sum2 = 0;
  std::size_t bad = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double v = x[i];
    if (std::isfinite(v)) {
      sum += v;
      sum2 += v * v;
    } else {
      ++bad;
    }
    if (i >= w) {
      const double old = x[i - w];
      if (std::isfinite(old)) {
        sum -= old;
        sum2 -= old * old;
      } else {
        --bad;
      }
    }
    out[i] = (i + 1 >= w && bad == 0) ? emit(sum, sum2) : kNaN;
  }
}

template <typename Better>
void rolling_extreme(Column x, int n, Out out, Better better) {
  const auto w = static_cast<std::size_t>(n);
  std::deque<std::size_t> window;
  std::size_t last_bad = std::numeric_limits<std::size_t>::max();
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i])) {
      last_bad = i;
      window.clear();
    } else {
      while (!window.empty() && !better(x[window.back()], x[i])) window.pop_back();
      window.push_back(i);
    }
    while (!window.empty() && window.front() + w <= i) window.pop_front();
    const bool clean = last_bad == std::numeric_limits<std::size_t>::max() || last_bad + w <= i;
    out[i] = (i + 1 >= w && clean && !window.empty()) ? x[window.front()] : kNaN;
  }
}

template <typename Step>
void recursive(Column x, int n, Out out, Step step) {
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = kNaN;
  smooth(
      x.size(), n, [x](std::size_t i) { return x[i]; }, step,
      [out](std::size_t i, double value) { out[i] = value; });
}

}  // namespace

void sma(Column x, int n, Out out) {
  windowed(x, n, out, [n](double sum, double) { return sum / n; });
}

void ema(Column x, int n, Out out) {
  const double alpha = 2.0 / (n + 1.0);
  recursive(x, n, out, [alpha](double prev, double v) { return prev + alpha * (v - prev); });
}

void wilder(Column x, int n, Out out) { recursive(x, n, out, wilder_step(n)); }

void rolling_std(Column x, int n, Out out) {
  // Two-pass per window would be O(n*w); a shifted running sum keeps
  // cancellation small for prices and returns alike.
  const auto w = static_cast<std::size_t>(n);
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = kNaN;
  std::size_t bad = 0;
  double shift = kNaN, sum = 0, sum2 = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double v = x[i];
    if (std::isfinite(v)) {
      if (std::isnan(shift)) shift = v;
      sum += v - shift;
      sum2 += (v - shift) * (v - shift);
    } else {
      ++bad;
    }
    if (i >= w) {
      const double old = x[i - w];
      if (std::isfinite(old)) {
        sum -= old - shift;
        sum2 -= (old - shift) * (old - shift);
      } else {
        --bad;
      }
    }
    if (i + 1 >= w && bad == 0) {
      const double var = (sum2 - sum * sum / n) / (n - 1);
      out[i] = std::sqrt(std::max(0.0, var));
    }
  }
}

void rolling_max(Column x, int n, Out out) {
  rolling_extreme(x, n, out, [](double kept, double incoming) { return kept > incoming; });
}

void rolling_min(Column x, int n, Out out) {
  rolling_extreme(x, n, out, [](double kept, double incoming) { return kept < incoming; });
}

void rolling_cov(Column x, Column y, int n, Out out) {
  const auto w = static_cast<std::size_t>(n);
  double sx = 0, sy = 0, sxy = 0;
  std::size_t bad = 0;
  auto ok = [&](std::size_t i) { return std::isfinite(x[i]) && std::isfinite(y[i]); };
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (ok(i)) {
      sx += x[i];
      sy += y[i];
      sxy += x[i] * y[i];
    } else {
      ++bad;
    }
    if (i >= w) {
      const std::size_t j = i - w;
      if (ok(j)) {
        sx -= x[j];
        sy -= y[j];
        sxy -= x[j] * y[j];
      } else {
        --bad;
      }
    }
    out[i] = (i + 1 >= w && bad == 0) ? (sxy - sx * sy / n) / (n - 1) : kNaN;
  }
}

void pct_change(Column x, int n, Out out) {
  const auto w = static_cast<std::size_t>(n);
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = i >= w ? x[i] / x[i - w] - 1.0 : kNaN;
}

void log_return(Column x, Out out) {
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = i >= 1 ? std::log(x[i] / x[i - 1]) : kNaN;
}

}  // namespace ae::market::features
