// The coverage invariant: every buy candidate in the day's signals has a row
// in the day's predictions. compute_coverage is the single definition of that
// comparison, shared by the predictor's check_coverage action and write-time
// guard and by the executor's read-time guard (the result's contract is
// schemas/coverage_result.schema.json):
//   - tickers are compared upper-cased; missing_tickers is sorted and unique;
//   - no signals at all -> no gap (nothing to protect);
//   - no predictions -> every buy candidate is missing.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"
#include "core/date.h"

namespace ae::core {

struct CoverageResult {
  Date date;
  std::vector<std::string> missing_tickers;
  int missing_count = 0;
  int n_buy_candidates = 0;
  int n_predictions = 0;
  bool has_gap = false;
  bool signals_present = false;
  bool predictions_present = false;

  bool operator==(const CoverageResult&) const = default;
};

CoverageResult compute_coverage(Date date, const std::optional<Signals>& signals,
                                const std::optional<Predictions>& predictions);
// The same over documents held elsewhere (null = absent), without copying them.
CoverageResult compute_coverage(Date date, const Signals* signals, const Predictions* predictions);

void to_json(nlohmann::json& j, const CoverageResult& c);
void from_json(const nlohmann::json& j, CoverageResult& c);

}  // namespace ae::core
