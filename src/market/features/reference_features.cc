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
// loop over every feature does not. A pass is instantiated twice: for inputs
// whose every derived series is finite (tame_prices / tame_values, the common
// case) its windows and recursions skip their finiteness checks
// (Inputs::kFinite), the same arithmetic. Row 0 has no change, return or true range: the passes
// over those start at row 1 and write row 0 as NaN (a window or recursion given a NaN first would
// have ignored it, so the values are the same).
using Columns = std::array<double*, kCount>;

// A Smoother's value at this row, NaN if it has none.
template <typename Recursion>
double smoothed(Recursion& smoother, double x) {
  return smoother.push(x) ? smoother.value() : kNaN;
}

// True when every value is finite with a magnitude below 1e100 and, for
// prices (whose ratios and logs are taken), positive and above 1e-100: then
// each change, return, log return, true range and MACD value of such inputs
// is finite too.
bool tame_values(Column x) {
  bool tame = true;
  for (const double v : x) tame &= std::abs(v) < 1e100;
  return tame;
}
bool tame_prices(Column x) {
  bool tame = true;
  for (const double v : x) tame &= v > 1e-100 && v < 1e100;
  return tame;
}

// EMAs, MACD 12/26/9, SMAs and the price against its 50- and 200-bar SMAs.
// The signal line's input, the MACD line, is NaN until row 25: it is checked.
template <Inputs kInputs>
void trend_pass(Column close, const Columns& out) {
  using Ema = Smoother<double, decltype(ema_step(12)), kInputs>;
  Ema ema12(12, ema_step(12)), ema26(26, ema_step(26)), ema50(50, ema_step(50)),
      ema200(200, ema_step(200));
  Smoother<double, decltype(ema_step(9))> signal(9, ema_step(9));
  MovingAverage<kInputs> sma12(12), sma26(26), sma50(50), sma200(200);
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
template <Inputs kInputs>
void wilder_pass(const TickerInput& in, const Columns& out) {
  using Wilder = Smoother<double, decltype(wilder_step(14)), kInputs>;
  Wilder avg_gain(14, wilder_step(14)), avg_loss(14, wilder_step(14)), atr(14, wilder_step(14));
  const Column close = in.close;
  out[kRsi14][0] = out[kAtr14][0] = out[kAtr14Pct][0] = kNaN;
  for (std::size_t i = 1; i < close.size(); ++i) {
    const double d = close[i] - close[i - 1];
    const double gain = smoothed(avg_gain, std::max(d, 0.0));
    const double loss = smoothed(avg_loss, std::max(-d, 0.0));
    if (std::isnan(gain) || std::isnan(loss)) {
      out[kRsi14][i] = kNaN;
    } else if (loss == 0) {
      out[kRsi14][i] = gain == 0 ? 50.0 : 100.0;
    } else {
      out[kRsi14][i] = 100.0 - 100.0 / (1.0 + gain / loss);
    }
    const double a = smoothed(atr, true_range(in.high[i], in.low[i], close[i - 1]));
    out[kAtr14][i] = a;
    out[kAtr14Pct][i] = a / close[i];
  }
}

// Realized volatility: the deviation of simple returns over 20 and 60 bars.
template <Inputs kInputs>
void realized_volatility_pass(Column close, const Columns& out) {
  MovingStd<kInputs> std20(20), std60(60);
  History<64> returns;
  out[kRealizedVol20][0] = out[kRealizedVol60][0] = kNaN;
  for (std::size_t i = 1; i < close.size(); ++i) {
    const double r = change(close, i, 1) - 1.0;
    returns.push(r);
    out[kRealizedVol20][i] = std20.push(r, returns.ago(20)) * kAnnualise;
    out[kRealizedVol60][i] = std60.push(r, returns.ago(60)) * kAnnualise;
  }
}

// The ratio of the 10- and 60-bar deviations of log returns; the log returns
// are left in the beta column for beta_pass.
template <Inputs kInputs>
void volatility_ratio_pass(Column close, const Columns& out) {
  MovingStd<kInputs> std10(10), std60(60);
  History<64> log_returns;
  out[kVolRatio1060][0] = out[kBeta60][0] = kNaN;
  for (std::size_t i = 1; i < close.size(); ++i) {
    const double lr = std::log(change(close, i, 1));
    log_returns.push(lr);
    out[kVolRatio1060][i] =
        std10.push(lr, log_returns.ago(10)) / std60.push(lr, log_returns.ago(60));
    out[kBeta60][i] = lr;
  }
}

// Beta to SPY: cov/var of daily log returns over 60 bars; reads the ticker's
// log returns that volatility_ratio_pass left in the beta column.
template <Inputs kInputs>
void beta_pass(Column spy_close, const Columns& out) {
  MovingCov<kInputs> cov_spy(60), var_spy(60);
  History<64> log_returns, spy_log_returns;
  for (std::size_t i = 1; i < spy_close.size(); ++i) {
    const double lr = out[kBeta60][i];
    const double spy_lr = std::log(change(spy_close, i, 1));
    log_returns.push(lr);
    spy_log_returns.push(spy_lr);
    const double spy_lr60 = spy_log_returns.ago(60);
    const double cov = cov_spy.push(lr, spy_lr, log_returns.ago(60), spy_lr60);
    const double var = var_spy.push(spy_lr, spy_lr, spy_lr60, spy_lr60);
    out[kBeta60][i] = var > 0 ? cov / var : kNaN;
  }
}

// The price against its 52-week extremes (left in their columns by
// rolling_max / rolling_min), the volume against its 20-bar mean and the
// price against the VWAP.
template <Inputs kInputs>
void ratios_pass(const TickerInput& in, const Columns& out) {
  MovingAverage<kInputs> volume20(20);
  for (std::size_t i = 0; i < in.rows(); ++i) {
    const double c = in.close[i];
    out[kDist52wHigh][i] = c / out[kDist52wHigh][i] - 1.0;
    out[kDist52wLow][i] = c / out[kDist52wLow][i] - 1.0;
    const double v20 = volume20.push(in.volume[i], leaving(in.volume, i, 20));
    out[kVolumeRatio20][i] = v20 > 0 ? in.volume[i] / v20 : kNaN;
    out[kDistFromVwap][i] = c / in.vwap[i] - 1.0;
  }
}

template <Inputs kInputs>
void price_passes(const TickerInput& in, const Columns& out) {
  trend_pass<kInputs>(in.close, out);
  wilder_pass<kInputs>(in, out);
  realized_volatility_pass<kInputs>(in.close, out);
  volatility_ratio_pass<kInputs>(in.close, out);
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
  if (n == 0) return m;  // the passes write row 0 first
  const Column close = in.close;
  const bool tame_close = tame_prices(close);

  if (tame_close && tame_values(in.high) && tame_values(in.low)) {
    price_passes<Inputs::kFinite>(in, out);
  } else {
    price_passes<Inputs::kAny>(in, out);
  }
  if (in.spy_close.size() != n) {
    std::fill_n(out[kBeta60], n, kNaN);
  } else if (tame_close && tame_prices(in.spy_close)) {
    beta_pass<Inputs::kFinite>(in.spy_close, out);
  } else {
    beta_pass<Inputs::kAny>(in.spy_close, out);
  }

  // 52-week (252-bar) extremes of the daily high and low.
  rolling_max(in.high, 252, m.column(kDist52wHigh));
  rolling_min(in.low, 252, m.column(kDist52wLow));
  if (tame_values(in.volume)) {
    ratios_pass<Inputs::kFinite>(in, out);
  } else {
    ratios_pass<Inputs::kAny>(in, out);
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
