// Stage 1: the quantitative screen over the universe (reference
// research_data.md §2.3, no LLM). For each ticker with data: liquidity
// (20-day average volume and price floors), then the momentum path (technical
// score floor, MA200 floor, ATR ceiling) or else the deep-value path (RSI
// below a ceiling, looser ATR ceiling). Momentum names are kept best technical
// score first up to a cap, deep-value names lowest RSI first up to a cap, and
// a short list is back-filled with the best liquid names. Ties break by
// ticker so the result is a pure function of the inputs. Every ticker gets an
// evaluation row with the reason it failed. The research input set is the
// scanner's candidates plus every current holding (always included).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/parameters.h"
#include "research/indicators.h"

namespace ae::research {

enum class ScanFail {
  kNone,
  kNoData,
  kLiquidity,
  kVolatilityMomentum,
  kVolatilityDeepValue,
  kBelowThresholds,
  kRankCutoff
};
enum class ScanPath { kNone, kMomentum, kDeepValue, kBackfill };

std::string_view scan_fail_name(ScanFail fail);  // "liquidity", "rank_cutoff", ...
std::string_view scan_path_name(ScanPath path);  // "momentum", "deep_value", ...

struct ScannerParams {
  double min_avg_volume = 500000;
  double min_price = 10;
  double tech_score_min = 60;
  double momentum_ma200_floor = -0.15;
  double max_atr_pct = 0.08;
  bool deep_value_path = true;
  double deep_value_max_rsi = 35;
  double deep_value_max_atr_pct = 0.12;
  std::size_t momentum_top_n = 60;
  std::size_t deep_value_max_candidates = 10;
  std::size_t min_combined_candidates = 3;
};

ScannerParams scanner_params(const core::ParameterSet& parameters);

struct ScanInput {
  std::string ticker;
  const Indicators* indicators = nullptr;  // null: no data
  double technical_score = NAN;
};

struct ScanRow {
  std::string ticker;
  std::optional<double> technical_score;
  bool liquidity_pass = false;
  bool volatility_pass = false;
  bool quant_filter_pass = false;
  ScanFail fail = ScanFail::kNone;
  ScanPath path = ScanPath::kNone;
};

struct ScanResult {
  std::vector<ScanRow> rows;            // one per input, in input order
  std::vector<std::string> candidates;  // momentum, then deep value, then back-fill
  std::vector<std::string> input_set;   // sorted candidates + holdings
};

ScanResult run_scanner(const std::vector<ScanInput>& inputs, const std::set<std::string>& holdings,
                       const ScannerParams& params);

}  // namespace ae::research
