#include "market/features/reference_features.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "core/missing_value.h"
#include "market/features/rolling.h"
#include "market/features/smoothing.h"
#include "market/features/streams.h"

namespace ae::market::features {
namespace {

using core::kNaN;
const double kAnnualise = std::sqrt(252.0);

enum Id : std::size_t {
  kRsi14,
  kMacd,
  kMacdSignal,
  kMacdHist,
  kSma12,
  kSma26,
  kSma50,
  kSma200,
  kEma12,
  kEma26,
  kEma50,
  kEma200,
  kPriceVsMa50,
  kPriceVsMa200,
  kMomentum5,
  kMomentum20,
  kMomentum60,
  kMomentum252,
  kAtr14,
  kAtr14Pct,
  kRealizedVol20,
  kRealizedVol60,
  kVolRatio1060,
  kDist52wHigh,
  kDist52wLow,
  kVolumeRatio20,
  kDistFromVwap,
  kBeta60,
  kRelSector20,
  kCount,
};

// Each pass below is one loop over the rows writing a few columns: small
// loop bodies let the CPU overlap many rows' divisions and logs, which one
// loop over every feature does not.
using Columns = std::array<double*, kCount>;

// A Smoother's value at this row, NaN if it has none.
template <typename Recursion>
double smoothed(Recursion& smoother, double x) {
  return smoother.push(x) ? smoother.value() : kNaN;
}

// EMAs, MACD 12/26/9, SMAs and the price against its 50- and 200-bar SMAs.
void trend_pass(Column close, const Columns& out) {
  using Ema = Smoother<double, decltype(ema_step(12))>;
  Ema ema12(12, ema_step(12)), ema26(26, ema_step(26)), ema50(50, ema_step(50)),
      ema200(200, ema_step(200)), signal(9, ema_step(9));
  MovingAverage sma12(12), sma26(26), sma50(50), sma200(200);
  for (std::size_t i = 0; i < close.size(); ++i) {
    const double c = close[i];
    const double e12 = smoothed(ema12, c), e26 = smoothed(ema26, c);
    const double macd = e12 - e26, macd_signal = smoothed(signal, macd);
    out[kEma12][i] = e12;
    out[kEma26][i] = e26;
    out[kEma50][i] = smoothed(ema50, c);
    out[kEma200][i] = smoothed(ema200, c);
    out[kMacd][i] = macd;
    out[kMacdSignal][i] = macd_signal;
    out[kMacdHist][i] = macd - macd_signal;
    const double s50 = sma50.push(c, leaving(close, i, 50));
    const double s200 = sma200.push(c, leaving(close, i, 200));
    out[kSma12][i] = sma12.push(c, leaving(close, i, 12));
    out[kSma26][i] = sma26.push(c, leaving(close, i, 26));
    out[kSma50][i] = s50;
    out[kSma200][i] = s200;
    out[kPriceVsMa50][i] = c / s50 - 1.0;
    out[kPriceVsMa200][i] = c / s200 - 1.0;
  }
}

// RSI-14 and ATR-14 (Wilder): the average gain / loss smoothed from the first
// 14 changes; the true range from row 1 (it needs a previous close).
void wilder_pass(const TickerInput& in, const Columns& out) {
  using Wilder = Smoother<double, decltype(wilder_step(14))>;
  Wilder avg_gain(14, wilder_step(14)), avg_loss(14, wilder_step(14)), atr(14, wilder_step(14));
  const Column close = in.close;
  for (std::size_t i = 0; i < close.size(); ++i) {
    const double d = i > 0 ? close[i] - close[i - 1] : kNaN;
    const double gain = smoothed(avg_gain, i > 0 ? std::max(d, 0.0) : kNaN);
    const double loss = smoothed(avg_loss, i > 0 ? std::max(-d, 0.0) : kNaN);
    if (std::isnan(gain) || std::isnan(loss)) {
      out[kRsi14][i] = kNaN;
    } else if (loss == 0) {
      out[kRsi14][i] = gain == 0 ? 50.0 : 100.0;
    } else {
      out[kRsi14][i] = 100.0 - 100.0 / (1.0 + gain / loss);
    }
    const double tr = i == 0
                          ? kNaN
                          : std::max({in.high[i] - in.low[i], std::abs(in.high[i] - close[i - 1]),
                                      std::abs(in.low[i] - close[i - 1])});
    const double a = smoothed(atr, tr);
    out[kAtr14][i] = a;
    out[kAtr14Pct][i] = a / close[i];
  }
}

// Realized volatility: the deviation of simple returns over 20 and 60 bars.
void realized_volatility_pass(Column close, const Columns& out) {
  MovingStd std20(20), std60(60);
  History<64> returns;
  for (std::size_t i = 0; i < close.size(); ++i) {
    const double r = i >= 1 ? change(close, i, 1) - 1.0 : kNaN;
    returns.push(r);
    out[kRealizedVol20][i] = std20.push(r, returns.ago(20)) * kAnnualise;
    out[kRealizedVol60][i] = std60.push(r, returns.ago(60)) * kAnnualise;
  }
}

// The ratio of the 10- and 60-bar deviations of log returns; the log returns
// are left in the beta column for beta_pass.
void volatility_ratio_pass(Column close, const Columns& out) {
  MovingStd std10(10), std60(60);
  History<64> log_returns;
  for (std::size_t i = 0; i < close.size(); ++i) {
    const double lr = i >= 1 ? std::log(change(close, i, 1)) : kNaN;
    log_returns.push(lr);
    out[kVolRatio1060][i] =
        std10.push(lr, log_returns.ago(10)) / std60.push(lr, log_returns.ago(60));
    out[kBeta60][i] = lr;
  }
}

// Beta to SPY: cov/var of daily log returns over 60 bars; reads the ticker's
// log returns that volatility_ratio_pass left in the beta column.
void beta_pass(Column spy_close, const Columns& out) {
  MovingCov cov_spy(60), var_spy(60);
  History<64> log_returns, spy_log_returns;
  for (std::size_t i = 0; i < spy_close.size(); ++i) {
    const double lr = out[kBeta60][i];
    const double spy_lr = i >= 1 ? std::log(change(spy_close, i, 1)) : kNaN;
    log_returns.push(lr);
    spy_log_returns.push(spy_lr);
    const double spy_lr60 = spy_log_returns.ago(60);
    const double cov = cov_spy.push(lr, spy_lr, log_returns.ago(60), spy_lr60);
    const double var = var_spy.push(spy_lr, spy_lr, spy_lr60, spy_lr60);
    out[kBeta60][i] = var > 0 ? cov / var : kNaN;
  }
}

}  // namespace

const std::vector<std::string>& reference_feature_names() {
  static const std::vector<std::string> names = {"rsi_14",
                                                 "macd",
                                                 "macd_signal",
                                                 "macd_hist",
                                                 "sma_12",
                                                 "sma_26",
                                                 "sma_50",
                                                 "sma_200",
                                                 "ema_12",
                                                 "ema_26",
                                                 "ema_50",
                                                 "ema_200",
                                                 "price_vs_ma50",
                                                 "price_vs_ma200",
                                                 "momentum_5d",
                                                 "momentum_20d",
                                                 "momentum_60d",
                                                 "momentum_252d",
                                                 "atr_14",
                                                 "atr_14_pct",
                                                 "realized_vol_20d",
                                                 "realized_vol_60d",
                                                 "vol_ratio_10_60",
                                                 "dist_from_52w_high",
                                                 "dist_from_52w_low",
                                                 "volume_ratio_20",
                                                 "dist_from_vwap",
                                                 "beta_60d",
                                                 "rel_return_sector_20d"};
  return names;
}

FeatureMatrix compute_reference_features(const TickerInput& in) {
  const std::size_t n = in.rows();
  FeatureMatrix m(&reference_feature_names(), n);
  Columns out;
  for (std::size_t f = 0; f < kCount; ++f) out[f] = m.column(f).data();
  const Column close = in.close;

  trend_pass(close, out);
  wilder_pass(in, out);
  realized_volatility_pass(close, out);
  volatility_ratio_pass(close, out);
  if (in.spy_close.size() == n) {
    beta_pass(in.spy_close, out);
  } else {
    std::fill_n(out[kBeta60], n, kNaN);
  }

  // 52-week (252-bar) extremes of the daily high and low.
  rolling_max(in.high, 252, m.column(kDist52wHigh));
  rolling_min(in.low, 252, m.column(kDist52wLow));
  MovingAverage volume20(20);
  for (std::size_t i = 0; i < n; ++i) {
    const double c = close[i];
    out[kDist52wHigh][i] = c / out[kDist52wHigh][i] - 1.0;
    out[kDist52wLow][i] = c / out[kDist52wLow][i] - 1.0;
    const double v20 = volume20.push(in.volume[i], leaving(in.volume, i, 20));
    out[kVolumeRatio20][i] = v20 > 0 ? in.volume[i] / v20 : kNaN;
    out[kDistFromVwap][i] = c / in.vwap[i] - 1.0;
  }

  pct_change(close, 5, m.column(kMomentum5));
  pct_change(close, 20, m.column(kMomentum20));
  pct_change(close, 60, m.column(kMomentum60));
  pct_change(close, 252, m.column(kMomentum252));
  auto rel = m.column(kRelSector20);
  if (in.sector_close.size() == n) {
    pct_change(in.sector_close, 20, rel);
    const auto momentum20 = m.column(kMomentum20);
    for (std::size_t i = 0; i < n; ++i) rel[i] = momentum20[i] - rel[i];
  } else {
    std::fill(rel.begin(), rel.end(), kNaN);
  }
  return m;
}

}  // namespace ae::market::features
