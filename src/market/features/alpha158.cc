#include "market/features/alpha158.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "core/missing_value.h"

namespace ae::market::features {
namespace {

using core::kNaN;
constexpr double kEps = 1e-12;
constexpr std::array<int, 5> kWindows = {5, 10, 20, 30, 60};
constexpr std::array<const char*, 29> kFamilies = {
    "ROC",  "MA",   "STD",  "BETA", "RSQR", "RESI", "MAX",   "MIN",   "QTLU", "QTLD",
    "RANK", "RSV",  "IMAX", "IMIN", "IMXD", "CORR", "CORD",  "CNTP",  "CNTN", "CNTD",
    "SUMP", "SUMN", "SUMD", "VMA",  "VSTD", "WVMA", "VSUMP", "VSUMN", "VSUMD"};
constexpr std::array<const char*, 13> kSingles = {"KMID",  "KLEN",  "KMID2", "KUP",   "KUP2",
                                                  "KLOW",  "KLOW2", "KSFT",  "KSFT2", "OPEN0",
                                                  "HIGH0", "LOW0",  "VWAP0"};

// The window x[i-d+1 .. i] if it is complete and finite.
bool window_ok(std::span<const double> x, std::size_t i, int d) {
  if (i + 1 < static_cast<std::size_t>(d)) return false;
  for (std::size_t k = i + 1 - static_cast<std::size_t>(d); k <= i; ++k) {
    if (!std::isfinite(x[k])) return false;
  }
  return true;
}

std::span<const double> window(std::span<const double> x, std::size_t i, int d) {
  return x.subspan(i + 1 - static_cast<std::size_t>(d), static_cast<std::size_t>(d));
}

double mean(std::span<const double> w) {
  double s = 0;
  for (double v : w) s += v;
  return s / static_cast<double>(w.size());
}

double stdev(std::span<const double> w) {
  const double m = mean(w);
  double s = 0;
  for (double v : w) s += (v - m) * (v - m);
  return std::sqrt(s / static_cast<double>(w.size() - 1));
}

double correlation(std::span<const double> x, std::span<const double> y) {
  const double mx = mean(x), my = mean(y);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    sxy += (x[k] - mx) * (y[k] - my);
    sxx += (x[k] - mx) * (x[k] - mx);
    syy += (y[k] - my) * (y[k] - my);
  }
  if (sxx <= 0 || syy <= 0) return kNaN;
  return sxy / std::sqrt(sxx * syy);
}

// Pandas' linear-interpolation quantile.
double quantile(std::span<const double> w, double q) {
  std::vector<double> sorted(w.begin(), w.end());
  std::sort(sorted.begin(), sorted.end());
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

struct Ols {
  double slope = kNaN;
  double rsquare = kNaN;
  double residual = kNaN;  // of the last point
};

// OLS of the window on t = 1..d.
Ols regress(std::span<const double> w) {
  const auto d = static_cast<double>(w.size());
  const double mt = (d + 1.0) / 2.0;
  const double my = mean(w);
  double stt = 0, sty = 0, syy = 0;
  for (std::size_t k = 0; k < w.size(); ++k) {
    const double t = static_cast<double>(k + 1) - mt;
    stt += t * t;
    sty += t * (w[k] - my);
    syy += (w[k] - my) * (w[k] - my);
  }
  Ols out;
  out.slope = sty / stt;
  const double intercept = my - out.slope * mt;
  out.residual = w.back() - (intercept + out.slope * d);
  // Qlib: R-squared is NaN when the window is (near) constant.
  if (std::sqrt(syy / (d - 1.0)) > 2e-5) out.rsquare = (sty * sty) / (stt * syy);
  return out;
}

}  // namespace

const std::vector<std::string>& alpha158_feature_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out(kSingles.begin(), kSingles.end());
    for (const char* family : kFamilies) {
      for (int d : kWindows) out.push_back(std::string(family) + std::to_string(d));
    }
    return out;
  }();
  return names;
}

FeatureMatrix compute_alpha158_features(const TickerInput& in) {
  const std::size_t n = in.rows();
  FeatureMatrix m(&alpha158_feature_names(), n);
  std::size_t f = 0;
  auto next = [&] { return m.column(f++); };

  {
    auto kmid = next(), klen = next(), kmid2 = next(), kup = next(), kup2 = next(), klow = next(),
         klow2 = next(), ksft = next(), ksft2 = next(), open0 = next(), high0 = next(),
         low0 = next(), vwap0 = next();
    for (std::size_t i = 0; i < n; ++i) {
      const double o = in.open[i], h = in.high[i], l = in.low[i], c = in.close[i];
      const double range = h - l + kEps;
      kmid[i] = (c - o) / o;
      klen[i] = (h - l) / o;
      kmid2[i] = (c - o) / range;
      kup[i] = (h - std::max(o, c)) / o;
      kup2[i] = (h - std::max(o, c)) / range;
      klow[i] = (std::min(o, c) - l) / o;
      klow2[i] = (std::min(o, c) - l) / range;
      ksft[i] = (2 * c - h - l) / o;
      ksft2[i] = (2 * c - h - l) / range;
      open0[i] = o / c;
      high0[i] = h / c;
      low0[i] = l / c;
      vwap0[i] = in.vwap[i] / c;
    }
  }

  // Derived daily series (NaN on row 0).
  std::vector<double> gain(n, kNaN), loss(n, kNaN), absdiff(n, kNaN), up(n, kNaN), down(n, kNaN),
      ratio(n, kNaN), vratio(n, kNaN), logvol(n), wv(n, kNaN), vgain(n, kNaN), vloss(n, kNaN),
      vabs(n, kNaN);
  for (std::size_t i = 0; i < n; ++i) {
    logvol[i] = std::log(in.volume[i] + 1.0);
    if (i == 0) continue;
    const double diff = in.close[i] - in.close[i - 1];
    gain[i] = std::max(diff, 0.0);
    loss[i] = std::max(-diff, 0.0);
    absdiff[i] = std::abs(diff);
    up[i] = in.close[i] > in.close[i - 1] ? 1.0 : 0.0;
    down[i] = in.close[i] < in.close[i - 1] ? 1.0 : 0.0;
    ratio[i] = in.close[i] / in.close[i - 1];
    vratio[i] = std::log(in.volume[i] / in.volume[i - 1] + 1.0);
    wv[i] = std::abs(in.close[i] / in.close[i - 1] - 1.0) * in.volume[i];
    const double vdiff = in.volume[i] - in.volume[i - 1];
    vgain[i] = std::max(vdiff, 0.0);
    vloss[i] = std::max(-vdiff, 0.0);
    vabs[i] = std::abs(vdiff);
  }
  // One function per family: (row, window) -> value; NaN if a window is short.
  using Fn = double (*)(const TickerInput&, std::size_t, int, const void*);
  struct Derived {
    const std::vector<double>&gain, &loss, &absdiff, &up, &down, &ratio, &vratio, &logvol, &wv,
        &vgain, &vloss, &vabs;
  } derived{gain, loss, absdiff, up, down, ratio, vratio, logvol, wv, vgain, vloss, vabs};
  const std::array<Fn, 29> families = {
      // ROC
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        return i >= static_cast<std::size_t>(d)
                   ? x.close[i - static_cast<std::size_t>(d)] / x.close[i]
                   : kNaN;
      },
      // MA
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        return window_ok(x.close, i, d) ? mean(window(x.close, i, d)) / x.close[i] : kNaN;
      },
      // STD
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        return window_ok(x.close, i, d) ? stdev(window(x.close, i, d)) / x.close[i] : kNaN;
      },
      // BETA
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        return window_ok(x.close, i, d) ? regress(window(x.close, i, d)).slope / x.close[i] : kNaN;
      },
      // RSQR
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        return window_ok(x.close, i, d) ? regress(window(x.close, i, d)).rsquare : kNaN;
      },
      // RESI
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        return window_ok(x.close, i, d) ? regress(window(x.close, i, d)).residual / x.close[i]
                                        : kNaN;
      },
      // MAX
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        if (!window_ok(x.high, i, d)) return kNaN;
        const auto w = window(x.high, i, d);
        return *std::max_element(w.begin(), w.end()) / x.close[i];
      },
      // MIN
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        if (!window_ok(x.low, i, d)) return kNaN;
        const auto w = window(x.low, i, d);
        return *std::min_element(w.begin(), w.end()) / x.close[i];
      },
      // QTLU
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        return window_ok(x.close, i, d) ? quantile(window(x.close, i, d), 0.8) / x.close[i] : kNaN;
      },
      // QTLD
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        return window_ok(x.close, i, d) ? quantile(window(x.close, i, d), 0.2) / x.close[i] : kNaN;
      },
      // RANK: percentile rank (average method) of today's close in the window
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        if (!window_ok(x.close, i, d)) return kNaN;
        double below = 0, equal = 0;
        for (double v : window(x.close, i, d)) {
          below += v < x.close[i] ? 1 : 0;
          equal += v == x.close[i] ? 1 : 0;
        }
        return (below + (equal + 1.0) / 2.0) / d;
      },
      // RSV
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        if (!window_ok(x.high, i, d) || !window_ok(x.low, i, d)) return kNaN;
        const auto h = window(x.high, i, d), l = window(x.low, i, d);
        const double hi = *std::max_element(h.begin(), h.end());
        const double lo = *std::min_element(l.begin(), l.end());
        return (x.close[i] - lo) / (hi - lo + kEps);
      },
      // IMAX: 1-based position of the window's high, / d
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        if (!window_ok(x.high, i, d)) return kNaN;
        const auto w = window(x.high, i, d);
        return static_cast<double>(std::max_element(w.begin(), w.end()) - w.begin() + 1) / d;
      },
      // IMIN
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        if (!window_ok(x.low, i, d)) return kNaN;
        const auto w = window(x.low, i, d);
        return static_cast<double>(std::min_element(w.begin(), w.end()) - w.begin() + 1) / d;
      },
      // IMXD
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        if (!window_ok(x.high, i, d) || !window_ok(x.low, i, d)) return kNaN;
        const auto h = window(x.high, i, d), l = window(x.low, i, d);
        const auto imax = std::max_element(h.begin(), h.end()) - h.begin();
        const auto imin = std::min_element(l.begin(), l.end()) - l.begin();
        return static_cast<double>(imax - imin) / d;
      },
      // CORR(close, log(volume + 1))
      [](const TickerInput& x, std::size_t i, int d, const void* p) {
        const auto& dv = *static_cast<const Derived*>(p);
        if (!window_ok(x.close, i, d) || !window_ok(dv.logvol, i, d)) return kNaN;
        return correlation(window(x.close, i, d), window(dv.logvol, i, d));
      },
      // CORD(close ratio, log(volume ratio + 1))
      [](const TickerInput&, std::size_t i, int d, const void* p) {
        const auto& dv = *static_cast<const Derived*>(p);
        if (!window_ok(dv.ratio, i, d) || !window_ok(dv.vratio, i, d)) return kNaN;
        return correlation(window(dv.ratio, i, d), window(dv.vratio, i, d));
      },
      // CNTP
      [](const TickerInput&, std::size_t i, int d, const void* p) {
        const auto& dv = *static_cast<const Derived*>(p);
        return window_ok(dv.up, i, d) ? mean(window(dv.up, i, d)) : kNaN;
      },
      // CNTN
      [](const TickerInput&, std::size_t i, int d, const void* p) {
        const auto& dv = *static_cast<const Derived*>(p);
        return window_ok(dv.down, i, d) ? mean(window(dv.down, i, d)) : kNaN;
      },
      // CNTD
      [](const TickerInput&, std::size_t i, int d, const void* p) {
        const auto& dv = *static_cast<const Derived*>(p);
        return window_ok(dv.up, i, d) ? mean(window(dv.up, i, d)) - mean(window(dv.down, i, d))
                                      : kNaN;
      },
      // SUMP
      [](const TickerInput&, std::size_t i, int d, const void* p) {
        const auto& dv = *static_cast<const Derived*>(p);
        if (!window_ok(dv.gain, i, d)) return kNaN;
        return mean(window(dv.gain, i, d)) * d / (mean(window(dv.absdiff, i, d)) * d + kEps);
      },
      // SUMN
      [](const TickerInput&, std::size_t i, int d, const void* p) {
        const auto& dv = *static_cast<const Derived*>(p);
        if (!window_ok(dv.loss, i, d)) return kNaN;
        return mean(window(dv.loss, i, d)) * d / (mean(window(dv.absdiff, i, d)) * d + kEps);
      },
      // SUMD
      [](const TickerInput&, std::size_t i, int d, const void* p) {
        const auto& dv = *static_cast<const Derived*>(p);
        if (!window_ok(dv.gain, i, d)) return kNaN;
        return (mean(window(dv.gain, i, d)) - mean(window(dv.loss, i, d))) * d /
               (mean(window(dv.absdiff, i, d)) * d + kEps);
      },
      // VMA
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        return window_ok(x.volume, i, d) ? mean(window(x.volume, i, d)) / (x.volume[i] + kEps)
                                         : kNaN;
      },
      // VSTD
      [](const TickerInput& x, std::size_t i, int d, const void*) {
        return window_ok(x.volume, i, d) ? stdev(window(x.volume, i, d)) / (x.volume[i] + kEps)
                                         : kNaN;
      },
      // WVMA
      [](const TickerInput&, std::size_t i, int d, const void* p) {
        const auto& dv = *static_cast<const Derived*>(p);
        if (!window_ok(dv.wv, i, d)) return kNaN;
        return stdev(window(dv.wv, i, d)) / (mean(window(dv.wv, i, d)) + kEps);
      },
      // VSUMP
      [](const TickerInput&, std::size_t i, int d, const void* p) {
        const auto& dv = *static_cast<const Derived*>(p);
        if (!window_ok(dv.vgain, i, d)) return kNaN;
        return mean(window(dv.vgain, i, d)) * d / (mean(window(dv.vabs, i, d)) * d + kEps);
      },
      // VSUMN
      [](const TickerInput&, std::size_t i, int d, const void* p) {
        const auto& dv = *static_cast<const Derived*>(p);
        if (!window_ok(dv.vloss, i, d)) return kNaN;
        return mean(window(dv.vloss, i, d)) * d / (mean(window(dv.vabs, i, d)) * d + kEps);
      },
      // VSUMD
      [](const TickerInput&, std::size_t i, int d, const void* p) {
        const auto& dv = *static_cast<const Derived*>(p);
        if (!window_ok(dv.vgain, i, d)) return kNaN;
        return (mean(window(dv.vgain, i, d)) - mean(window(dv.vloss, i, d))) * d /
               (mean(window(dv.vabs, i, d)) * d + kEps);
      },
  };
  for (const Fn family : families) {
    for (int d : kWindows) {
      auto out = next();
      for (std::size_t i = 0; i < n; ++i) out[i] = family(in, i, d, &derived);
    }
  }
  return m;
}

}  // namespace ae::market::features
