// Factor composites (quality, momentum, low-vol, value, growth, stewardship): six 0-100 scores per
// ticker, each the weight-averaged within-sector percentile rank of its raw
// components (average ranks for ties, rank/n x 100; inverted components use
// 100 - pct). A ticker's composite uses only its present components, with the
// weights renormalised; `*_n` counts them. A composite with no component
// present is unavailable (nullopt), never a fake 50.
//
// Components come from two places: the technical snapshot (momentum and
// low-vol need nothing else) and an optional per-ticker map of fundamentals
// (roe, debt_to_equity, gross_margin, current_ratio, pe_ratio, pb_ratio,
// fcf_yield, revenue_growth_3y, eps_growth_3y, payout_ratio,
// capex_growth_5y). The simulated market has no fundamentals, so quality,
// value, growth and stewardship are unavailable there and every weight that
// uses them is redistributed over what exists (factor_subscore, qual_score).
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/contracts/signals.h"
#include "core/parameters.h"
#include "research/indicators.h"

namespace ae::research {

enum class Factor { kQuality, kMomentum, kLowVol, kValue, kGrowth, kStewardship };
inline constexpr int kFactorCount = 6;
std::string_view factor_name(Factor factor);  // "quality", "low_vol", ...

using Fundamentals = std::map<std::string, double>;  // raw component values by name

struct FactorProfile {
  std::array<std::optional<double>, kFactorCount> score;  // 0-100 or unavailable
  std::array<int, kFactorCount> count{};                  // contributing components
  const std::optional<double>& get(Factor f) const { return score[static_cast<int>(f)]; }
};

struct FactorInput {
  const Indicators* indicators = nullptr;
  const Fundamentals* fundamentals = nullptr;  // may be null
};

// One profile per input, ranked within each input's sector.
std::vector<FactorProfile> compute_factor_profiles(const std::vector<FactorInput>& inputs);

// The regime's signed blend of quality, momentum, value and low-vol:
// sum(w_k * score_k) / sum(|w_k|) over the available factors, clamped to
// 0-100; nullopt when none is available.
std::optional<double> factor_subscore(const FactorProfile& profile, const core::ParameterSet& p,
                                      core::MarketRegime regime);

// The deterministic qual score: the mean of the available fundamental
// composites (quality, value, growth, stewardship); nullopt when none is.
std::optional<double> fundamental_qual_score(const FactorProfile& profile);

// Within-group percentile ranks x 100 of `values` (NaN stays NaN), pandas
// rank(pct=True) semantics: average rank of ties divided by the count of
// non-NaN values.
std::vector<double> percentile_ranks(const std::vector<double>& values);

}  // namespace ae::research
