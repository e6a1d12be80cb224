#include "market/features/rolling.h"

#include <cmath>
#include <functional>
#include <vector>

#include "market/features/smoothing.h"
#include "market/features/streams.h"

namespace ae::market::features {
namespace {

template <typename Step>
void recursive(Column x, int n, Out out, Step step) {
  Smoother<double, Step> smoother(n, step);
  for (std::size_t i = 0; i < x.size(); ++i) {
    out[i] = smoother.push(x[i]) ? smoother.value() : kNaN;
  }
}

// Exact max (Better = std::greater<>) or min (std::less<>) of the last n
// values in O(1) per row (van Herk / Gil-Werman): rows are cut into blocks of
// n, and the window ending at row i is the tail of the previous block (whose
// suffix extremes are computed once, when it completes) followed by the head
// of i's block (a running extreme). Of equal values the later is kept, as a
// monotonic queue does (it shows only for 0 and -0). A non-finite value makes
// the n windows holding it NaN; no window that is output ever reads a
// block's extremes across one.
template <typename Better>
void rolling_extreme(Column x, int n, Out out) {
  const auto w = static_cast<std::size_t>(n);
  auto pick = [](double earlier, double later) {
    return Better{}(earlier, later) ? earlier : later;
  };
  std::vector<double> tail(w);  // of the previous block: tail[j] = extreme of its rows j..w-1
  double head = 0;
  std::size_t clean_from = 0;
  for (std::size_t i = 0, j = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i])) clean_from = i + w;
    head = j == 0 ? x[i] : pick(head, x[i]);
    const double extreme = j + 1 < w ? pick(tail[j + 1], head) : head;
    out[i] = i + 1 >= w && i >= clean_from ? extreme : kNaN;
    if (++j == w) {
      j = 0;
      tail[w - 1] = x[i];
      for (std::size_t k = w - 1; k-- > 0;) tail[k] = pick(x[i + 1 - w + k], tail[k + 1]);
    }
  }
}

}  // namespace

void sma(Column x, int n, Out out) {
  MovingAverage mean(n);
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = mean.push(x[i], leaving(x, i, n));
}

void ema(Column x, int n, Out out) { recursive(x, n, out, ema_step(n)); }

void wilder(Column x, int n, Out out) { recursive(x, n, out, wilder_step(n)); }

void rolling_std(Column x, int n, Out out) {
  MovingStd std(n);
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = std.push(x[i], leaving(x, i, n));
}

void rolling_max(Column x, int n, Out out) { rolling_extreme<std::greater<>>(x, n, out); }

void rolling_min(Column x, int n, Out out) { rolling_extreme<std::less<>>(x, n, out); }

void rolling_cov(Column x, Column y, int n, Out out) {
  MovingCov cov(n);
  for (std::size_t i = 0; i < x.size(); ++i) {
    out[i] = cov.push(x[i], y[i], leaving(x, i, n), leaving(y, i, n));
  }
}

void pct_change(Column x, int n, Out out) {
  const auto w = static_cast<std::size_t>(n);
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = i >= w ? change(x, i, w) - 1.0 : kNaN;
}

void log_return(Column x, Out out) {
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = i >= 1 ? std::log(change(x, i, 1)) : kNaN;
}

}  // namespace ae::market::features
