#include "research/scanner.h"

#include <algorithm>
#include <cmath>

#include "research/parameter_tables.h"

namespace ae::research {

std::string_view scan_fail_name(ScanFail fail) {
  switch (fail) {
    case ScanFail::kNone:
      return "";
    case ScanFail::kNoData:
      return "no_data";
    case ScanFail::kLiquidity:
      return "liquidity";
    case ScanFail::kVolatilityMomentum:
      return "volatility_momentum";
    case ScanFail::kVolatilityDeepValue:
      return "volatility_deep_value";
    case ScanFail::kBelowThresholds:
      return "below_thresholds";
    case ScanFail::kRankCutoff:
      return "rank_cutoff";
  }
  return "";
}

std::string_view scan_path_name(ScanPath path) {
  switch (path) {
    case ScanPath::kNone:
      return "";
    case ScanPath::kMomentum:
      return "momentum";
    case ScanPath::kDeepValue:
      return "deep_value";
    case ScanPath::kBackfill:
      return "backfill";
  }
  return "";
}

ScannerParams scanner_params(const core::ParameterSet& p) {
  return core::bound_config<ScannerParams>(p, scanner_parameter_table());
}

ScanResult run_scanner(const std::vector<ScanInput>& inputs, const std::set<std::string>& holdings,
                       const ScannerParams& params) {
  ScanResult result;
  result.rows.resize(inputs.size());
  std::vector<std::size_t> momentum, deep_value, liquid;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto& in = inputs[i];
    auto& row = result.rows[i];
    row.ticker = in.ticker;
    if (in.indicators == nullptr || std::isnan(in.technical_score)) {
      row.fail = ScanFail::kNoData;
      continue;
    }
    const auto& x = *in.indicators;
    row.technical_score = in.technical_score;
    row.liquidity_pass = x.avg_volume_20d >= params.min_avg_volume && x.price >= params.min_price;
    if (!row.liquidity_pass) {
      row.fail = ScanFail::kLiquidity;
      continue;
    }
    liquid.push_back(i);
    const double atr = x.atr_14_pct;  // NaN compares false: an unknown ATR never passes
    const bool ma200_ok =
        std::isnan(x.price_vs_ma200) || x.price_vs_ma200 > params.momentum_ma200_floor;
    if (in.technical_score >= params.tech_score_min && ma200_ok) {
      row.volatility_pass = atr <= params.max_atr_pct;
      if (row.volatility_pass) {
        momentum.push_back(i);
      } else {
        row.fail = ScanFail::kVolatilityMomentum;
      }
    } else if (params.deep_value_path && x.rsi_14 < params.deep_value_max_rsi) {
      row.volatility_pass = atr <= params.deep_value_max_atr_pct;
      if (row.volatility_pass) {
        deep_value.push_back(i);
      } else {
        row.fail = ScanFail::kVolatilityDeepValue;
      }
    } else {
      row.volatility_pass = atr <= params.max_atr_pct;
      row.fail = ScanFail::kBelowThresholds;
    }
  }

  const auto by_score = [&](std::size_t a, std::size_t b) {
    if (inputs[a].technical_score != inputs[b].technical_score)
      return inputs[a].technical_score > inputs[b].technical_score;
    return inputs[a].ticker < inputs[b].ticker;
  };
  const auto by_rsi = [&](std::size_t a, std::size_t b) {
    const double ra = inputs[a].indicators->rsi_14, rb = inputs[b].indicators->rsi_14;
    if (ra != rb) return ra < rb;
    return inputs[a].ticker < inputs[b].ticker;
  };
  std::sort(momentum.begin(), momentum.end(), by_score);
  std::sort(deep_value.begin(), deep_value.end(), by_rsi);
  std::sort(liquid.begin(), liquid.end(), by_score);

  std::set<std::string> chosen;
  const auto admit = [&](std::size_t i, ScanPath path) {
    if (!chosen.insert(inputs[i].ticker).second) return;
    auto& row = result.rows[i];
    row.quant_filter_pass = true;
    row.fail = ScanFail::kNone;
    row.path = path;
    result.candidates.push_back(inputs[i].ticker);
  };
  for (std::size_t k = 0; k < momentum.size(); ++k) {
    if (k < params.momentum_top_n) {
      admit(momentum[k], ScanPath::kMomentum);
    } else {
      result.rows[momentum[k]].fail = ScanFail::kRankCutoff;
    }
  }
  for (std::size_t k = 0; k < deep_value.size(); ++k) {
    if (k < params.deep_value_max_candidates) {
      admit(deep_value[k], ScanPath::kDeepValue);
    } else {
      result.rows[deep_value[k]].fail = ScanFail::kRankCutoff;
    }
  }
  for (std::size_t i : liquid) {
    if (result.candidates.size() >= params.min_combined_candidates) break;
    admit(i, ScanPath::kBackfill);
  }

  std::set<std::string> input_set(result.candidates.begin(), result.candidates.end());
  input_set.insert(holdings.begin(), holdings.end());
  result.input_set.assign(input_set.begin(), input_set.end());
  return result;
}

}  // namespace ae::research
