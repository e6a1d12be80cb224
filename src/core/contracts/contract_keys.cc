#include "core/contracts/contract_keys.h"

#include <array>
#include <cctype>

namespace ae::core {
namespace {

constexpr std::array kPatterns = {
    ContractKeyPattern{Contract::kSignals, "signals/{date}/signals.json"},
    ContractKeyPattern{Contract::kSignals, "signals/latest.json"},
    ContractKeyPattern{Contract::kPredictions, "predictor/predictions/{date}.json"},
    ContractKeyPattern{Contract::kPredictions, "predictor/predictions/latest.json"},
    ContractKeyPattern{Contract::kOrderBook, "trades/order_book/{date}.json"},
    ContractKeyPattern{Contract::kHealth, "health/{module}.json"},
};

bool is_date_text(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  return true;
}

// Matches `key` against `pattern`; fills `date` for a {date} placeholder.
bool matches(std::string_view pattern, std::string_view key, std::optional<std::string>& date) {
  const size_t open = pattern.find('{');
  if (open == std::string_view::npos) return pattern == key;
  const size_t close = pattern.find('}', open);
  const std::string_view prefix = pattern.substr(0, open), suffix = pattern.substr(close + 1);
  if (key.size() <= prefix.size() + suffix.size() || !key.starts_with(prefix) ||
      !key.ends_with(suffix))
    return false;
  const std::string_view value =
      key.substr(prefix.size(), key.size() - prefix.size() - suffix.size());
  if (pattern.substr(open, close - open + 1) == "{date}") {
    if (!is_date_text(value)) return false;
    date = std::string(value);
    return true;
  }
  return value.find('/') == std::string_view::npos;
}

}  // namespace

std::span<const ContractKeyPattern> contract_key_patterns() { return kPatterns; }

std::optional<ContractKeyMatch> match_contract_key(std::string_view key) {
  for (const auto& entry : kPatterns) {
    std::optional<std::string> date;
    if (matches(entry.pattern, key, date)) return ContractKeyMatch{entry.contract, date};
  }
  return std::nullopt;
}

}  // namespace ae::core
