#include "market/features/reference_features.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "market/features/rolling.h"

namespace ae::market::features {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
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
  auto col = [&](Id id) { return m.column(static_cast<std::size_t>(id)); };
  std::vector<double> a(n), b(n), c(n);

  // RSI-14 (Wilder): average gain / loss smoothed from the first 14 changes.
  for (std::size_t i = 0; i < n; ++i) {
    const double d = i > 0 ? in.close[i] - in.close[i - 1] : kNaN;
    a[i] = i > 0 ? std::max(d, 0.0) : kNaN;
    b[i] = i > 0 ? std::max(-d, 0.0) : kNaN;
  }
  wilder(a, 14, col(kRsi14));
  wilder(b, 14, c);
  {
    auto rsi = col(kRsi14);
    for (std::size_t i = 0; i < n; ++i) {
      const double gain = rsi[i], loss = c[i];
      if (std::isnan(gain) || std::isnan(loss)) {
        rsi[i] = kNaN;
      } else if (loss == 0) {
        rsi[i] = gain == 0 ? 50.0 : 100.0;
      } else {
        rsi[i] = 100.0 - 100.0 / (1.0 + gain / loss);
      }
    }
  }

  // Moving averages and MACD 12/26/9.
  sma(in.close, 12, col(kSma12));
  sma(in.close, 26, col(kSma26));
  sma(in.close, 50, col(kSma50));
  sma(in.close, 200, col(kSma200));
  ema(in.close, 12, col(kEma12));
  ema(in.close, 26, col(kEma26));
  ema(in.close, 50, col(kEma50));
  ema(in.close, 200, col(kEma200));
  {
    auto macd = col(kMacd);
    const auto e12 = col(kEma12), e26 = col(kEma26);
    for (std::size_t i = 0; i < n; ++i) macd[i] = e12[i] - e26[i];
    ema(macd, 9, col(kMacdSignal));
    auto signal = col(kMacdSignal), hist = col(kMacdHist);
    for (std::size_t i = 0; i < n; ++i) hist[i] = macd[i] - signal[i];
    auto v50 = col(kPriceVsMa50), v200 = col(kPriceVsMa200);
    const auto s50 = col(kSma50), s200 = col(kSma200);
    for (std::size_t i = 0; i < n; ++i) {
      v50[i] = in.close[i] / s50[i] - 1.0;
      v200[i] = in.close[i] / s200[i] - 1.0;
    }
  }

  pct_change(in.close, 5, col(kMomentum5));
  pct_change(in.close, 20, col(kMomentum20));
  pct_change(in.close, 60, col(kMomentum60));
  pct_change(in.close, 252, col(kMomentum252));

  // ATR-14 (Wilder) over the true range; the first TR needs a previous close.
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = i == 0 ? kNaN
                  : std::max({in.high[i] - in.low[i], std::abs(in.high[i] - in.close[i - 1]),
                              std::abs(in.low[i] - in.close[i - 1])});
  }
  wilder(a, 14, col(kAtr14));
  {
    auto atr = col(kAtr14), pct = col(kAtr14Pct);
    for (std::size_t i = 0; i < n; ++i) pct[i] = atr[i] / in.close[i];
  }

  // Volatility: simple returns for realized vol, log returns for the ratio.
  pct_change(in.close, 1, a);
  rolling_std(a, 20, col(kRealizedVol20));
  rolling_std(a, 60, col(kRealizedVol60));
  for (auto id : {kRealizedVol20, kRealizedVol60}) {
    for (double& v : col(id)) v *= kAnnualise;
  }
  log_return(in.close, a);
  rolling_std(a, 10, b);
  rolling_std(a, 60, c);
  {
    auto ratio = col(kVolRatio1060);
    for (std::size_t i = 0; i < n; ++i) ratio[i] = b[i] / c[i];
  }

  // 52-week (252-bar) extremes of the daily high and low.
  rolling_max(in.high, 252, b);
  rolling_min(in.low, 252, c);
  {
    auto hi = col(kDist52wHigh), lo = col(kDist52wLow);
    for (std::size_t i = 0; i < n; ++i) {
      hi[i] = in.close[i] / b[i] - 1.0;
      lo[i] = in.close[i] / c[i] - 1.0;
    }
  }

  sma(in.volume, 20, b);
  {
    auto ratio = col(kVolumeRatio20), vwap = col(kDistFromVwap);
    for (std::size_t i = 0; i < n; ++i) {
      ratio[i] = b[i] > 0 ? in.volume[i] / b[i] : kNaN;
      vwap[i] = in.close[i] / in.vwap[i] - 1.0;
    }
  }

  // Beta to SPY: cov/var of daily log returns over 60 bars (a = ticker).
  auto beta = col(kBeta60);
  if (in.spy_close.size() == n) {
    log_return(in.spy_close, b);
    rolling_cov(a, b, 60, beta);
    rolling_cov(b, b, 60, c);
    for (std::size_t i = 0; i < n; ++i) beta[i] = c[i] > 0 ? beta[i] / c[i] : kNaN;
  } else {
    std::fill(beta.begin(), beta.end(), kNaN);
  }

  auto rel = col(kRelSector20);
  if (in.sector_close.size() == n) {
    pct_change(in.sector_close, 20, b);
    const auto mom = col(kMomentum20);
    for (std::size_t i = 0; i < n; ++i) rel[i] = mom[i] - b[i];
  } else {
    std::fill(rel.begin(), rel.end(), kNaN);
  }
  return m;
}

}  // namespace ae::market::features
