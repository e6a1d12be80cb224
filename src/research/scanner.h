// Stage 1: the quantitative screen over the universe (rules only, no LLM).
// For each ticker with data: liquidity
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

// The scanner.* parameters; members and defaults expand from their rows in
// research_parameter_list.def.
struct ScannerParams {
#define AE_SCANNER_PARAMETER(key, member, type, value, min, max, description) type member = value;
#include "research/research_parameter_list.def"
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
