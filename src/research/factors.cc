#include "research/factors.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ae::research {
namespace {

struct Component {
  Factor factor;
  std::string_view column;
  double weight;
  bool invert;
};

// The reference's baseline components and weights (each factor's weights sum to 1).
constexpr std::array kComponents = {
    Component{Factor::kQuality, "roe", 0.30, false},
    Component{Factor::kQuality, "debt_to_equity", 0.25, true},
    Component{Factor::kQuality, "gross_margin", 0.25, false},
    Component{Factor::kQuality, "current_ratio", 0.20, false},
    Component{Factor::kMomentum, "momentum_20d", 0.30, false},
    Component{Factor::kMomentum, "return_60d", 0.25, false},
    Component{Factor::kMomentum, "return_120d", 0.20, false},
    Component{Factor::kMomentum, "dist_from_52w_high", 0.15, false},
    Component{Factor::kMomentum, "momentum_5d", 0.10, false},
    Component{Factor::kLowVol, "realized_vol_20d", 0.50, true},
    Component{Factor::kLowVol, "vol_ratio_10_60", 0.30, true},
    Component{Factor::kLowVol, "atr_14_pct", 0.20, true},
    Component{Factor::kValue, "pe_ratio", 0.40, true},
    Component{Factor::kValue, "pb_ratio", 0.30, true},
    Component{Factor::kValue, "fcf_yield", 0.30, false},
    Component{Factor::kGrowth, "revenue_growth_3y", 0.30, false},
    Component{Factor::kGrowth, "eps_growth_3y", 0.30, false},
    Component{Factor::kGrowth, "sustainable_growth_rate", 0.25, false},
    Component{Factor::kGrowth, "capex_growth_5y", 0.15, false},
    Component{Factor::kStewardship, "payout_ratio", 0.50, true},
    Component{Factor::kStewardship, "capex_growth_5y", 0.50, false},
};

double fundamental(const Fundamentals* f, std::string_view name) {
  if (f == nullptr) return NAN;
  if (name == "sustainable_growth_rate") {
    const double roe = fundamental(f, "roe"), payout = fundamental(f, "payout_ratio");
    return roe * (1 - payout);
  }
  auto it = f->find(std::string(name));
  return it == f->end() ? NAN : it->second;
}

double raw_value(const FactorInput& in, std::string_view column) {
  if (in.indicators != nullptr) {
    const auto& x = *in.indicators;
    if (column == "momentum_20d") return x.momentum_20d;
    if (column == "return_60d") return x.return_60d;
    if (column == "return_120d") return x.return_120d;
    if (column == "dist_from_52w_high") return x.dist_from_52w_high;
    if (column == "momentum_5d") return x.momentum_5d;
    if (column == "realized_vol_20d") return x.realized_vol_20d;
    if (column == "vol_ratio_10_60") return x.vol_ratio_10_60;
    if (column == "atr_14_pct") return x.atr_14_pct;
  }
  return fundamental(in.fundamentals, column);
}

}  // namespace

std::string_view factor_name(Factor factor) {
  static constexpr std::array<std::string_view, kFactorCount> names = {
      "quality", "momentum", "low_vol", "value", "growth", "stewardship"};
  return names[static_cast<int>(factor)];
}

std::vector<double> percentile_ranks(const std::vector<double>& values) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isnan(values[i])) order.push_back(i);
  }
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> out(values.size(), NAN);
  const double n = static_cast<double>(order.size());
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start;
    while (end < order.size() && values[order[end]] == values[order[start]]) ++end;
    const double average_rank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2;
    for (std::size_t k = start; k < end; ++k) out[order[k]] = average_rank / n * 100.0;
    start = end;
  }
  return out;
}

std::vector<FactorProfile> compute_factor_profiles(const std::vector<FactorInput>& inputs) {
  std::vector<FactorProfile> profiles(inputs.size());
  std::array<std::vector<std::size_t>, market::kSectorCount> by_sector;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].indicators != nullptr)
      by_sector[static_cast<int>(inputs[i].indicators->sector)].push_back(i);
  }
  // Weighted sums per ticker and factor.
  std::vector<std::array<double, kFactorCount>> sum(inputs.size()), weight(inputs.size());
  for (auto& s : sum) s.fill(0);
  for (auto& w : weight) w.fill(0);
  for (const auto& members : by_sector) {
    if (members.empty()) continue;
    for (const auto& component : kComponents) {
      std::vector<double> raw(members.size());
      for (std::size_t k = 0; k < members.size(); ++k)
        raw[k] = raw_value(inputs[members[k]], component.column);
      const auto pct = percentile_ranks(raw);
      for (std::size_t k = 0; k < members.size(); ++k) {
        if (std::isnan(pct[k])) continue;
        const std::size_t i = members[k];
        const int f = static_cast<int>(component.factor);
        sum[i][f] += component.weight * (component.invert ? 100.0 - pct[k] : pct[k]);
        weight[i][f] += component.weight;
        ++profiles[i].count[f];
      }
    }
  }
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    for (int f = 0; f < kFactorCount; ++f) {
      if (weight[i][f] > 0) profiles[i].score[f] = sum[i][f] / weight[i][f];
    }
  }
  return profiles;
}

std::optional<double> factor_subscore(const FactorProfile& profile, const core::ParameterSet& p,
                                      core::MarketRegime regime) {
  const std::string prefix =
      std::string("factor_blend.") + nlohmann::json(regime).get<std::string>() + ".";
  double total = 0, norm = 0;
  for (Factor f : {Factor::kQuality, Factor::kMomentum, Factor::kValue, Factor::kLowVol}) {
    const auto& score = profile.get(f);
    if (!score) continue;
    const double w = p.get_double(prefix + std::string(factor_name(f)));
    total += w * *score;
    norm += std::abs(w);
  }
  if (norm == 0) return std::nullopt;
  return std::clamp(total / norm, 0.0, 100.0);
}

std::optional<double> fundamental_qual_score(const FactorProfile& profile) {
  double total = 0;
  int count = 0;
  for (Factor f : {Factor::kQuality, Factor::kValue, Factor::kGrowth, Factor::kStewardship}) {
    if (const auto& score = profile.get(f)) {
      total += *score;
      ++count;
    }
  }
  if (count == 0) return std::nullopt;
  return total / count;
}

}  // namespace ae::research
