// Features for symbols of the bar store. For each symbol the engine takes its
// present bars (missing rows dropped), lines SPY's and the symbol's sector
// ETF's closes up on those dates (the sector from the universe; none for
// macro symbols), and computes a whole feature set column-wise. compute_all
// spreads symbols over threads (each symbol is independent, so the result is
// the same for any thread count).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "market/bar_store.h"
#include "market/features/feature_matrix.h"

namespace ae::market::features {

enum class FeatureSet { kReference, kAlpha158 };

// "ref" | "alpha158"; InvalidInput otherwise.
FeatureSet parse_feature_set(std::string_view name);
const std::vector<std::string>& feature_names(FeatureSet set);

struct SymbolFeatures {
  std::string symbol;
  std::vector<std::int32_t> day_indices;  // calendar index of each row
  FeatureMatrix values;
};

class FeatureEngine {
 public:
  // Reads the universe if there is one; SPY and the sector ETFs if stored.
  explicit FeatureEngine(const BarStore& store);

  SymbolFeatures compute(std::string_view symbol, FeatureSet set) const;
  // threads = 0: one per hardware thread.
  std::vector<SymbolFeatures> compute_all(const std::vector<std::string>& symbols, FeatureSet set,
                                          unsigned threads = 0) const;

 private:
  const BarStore& store_;
  std::optional<SeriesView> spy_;
  std::unordered_map<std::string, SeriesView> sector_etfs_;  // by constituent ticker's ETF
  std::unordered_map<std::string, std::string> etf_of_ticker_;
};

}  // namespace ae::market::features
