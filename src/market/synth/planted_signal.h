// The simulated market's planted predictable component, and the oracle that
// measures it. For a symbol with adjusted closes C and log closes L = ln C, at
// day t (all needed closes present):
//   momentum  m = L[t-21] - L[t-252]            (12-1 month momentum)
//   reversal  r = L[t]    - L[t-5]              (1-week return)
//   low vol   v = stdev(L[k]-L[k-1], k = t-59..t) (60-day volatility)
// Across the symbols with all three defined on day t, each component is
// replaced by its cross-sectional rank scaled to zero mean and unit variance,
// and the oracle score is
//   s = 0.5 * rank(m) - 0.3 * rank(r) - 0.2 * rank(v), re-standardised.
// The generator adds kappa * sigma_i * s_i(t-1) to each day's log return, so
// 21-day forward returns load on s. The oracle IC is the mean over days of the
// Spearman correlation between s(t) and L[t+21] - L[t] (core::spearman; the
// days where it is undefined are left out).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace ae::market::synth {

inline constexpr int kMomentumLong = 252;
inline constexpr int kMomentumSkip = 21;
inline constexpr int kReversalDays = 5;
inline constexpr int kVolatilityDays = 60;
inline constexpr double kMomentumWeight = 0.5;
inline constexpr double kReversalWeight = -0.3;
inline constexpr double kVolatilityWeight = -0.2;
inline constexpr int kOracleHorizon = 21;

struct Components {
  double momentum = 0;
  double reversal = 0;
  double volatility = 0;
  bool valid = false;
};

// Components at day t of one symbol's log closes (invalid if any needed value
// is NaN or t < 252).
Components components_at(std::span<const double> log_close, std::size_t t);

// Oracle scores for one day from each symbol's components (NaN where invalid),
// cross-sectionally standardised. Fewer than 10 valid symbols -> all NaN.
std::vector<double> oracle_scores(const std::vector<Components>& components);

struct OracleReport {
  double mean_ic = 0;    // mean of daily rank ICs
  double ic_stdev = 0;   // stdev of daily rank ICs
  std::size_t days = 0;  // days with a defined IC
};

// log_closes[symbol][day] on a common grid (NaN where absent).
OracleReport measure_oracle_ic(const std::vector<std::vector<double>>& log_closes,
                               int horizon = kOracleHorizon);

}  // namespace ae::market::synth
