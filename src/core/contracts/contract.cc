#include "core/contracts/contract.h"

#include <array>
#include <optional>

#include "core/contracts/contract_keys.h"
#include "core/contracts/contract_rules.h"
#include "core/embedded_files.h"
#include "core/json_limits.h"
#include "core/json_schema.h"

namespace ae::core {
namespace {

constexpr std::array kAllContracts = {Contract::kSignals, Contract::kPredictions,
                                      Contract::kCoverageResult, Contract::kOrderBook,
                                      Contract::kHealth};

// The compiled schemas, built once on first use and never modified afterwards.
class SchemaTable {
 public:
  SchemaTable() {
    for (Contract contract : kAllContracts) {
      const std::string file = std::string(contract_name(contract)) + ".schema.json";
      slots_[static_cast<size_t>(contract)].emplace(
          nlohmann::json::parse(find_embedded(schemas::embedded_files(), file)));
    }
  }
  const JsonSchema& schema(Contract c) const { return *slots_[static_cast<size_t>(c)]; }

 private:
  std::array<std::optional<JsonSchema>, kAllContracts.size()> slots_;
};

const SchemaTable& schemas_table() {
  static const SchemaTable table;
  return table;
}

[[noreturn]] void violation(Contract contract, std::string_view origin,
                            const std::vector<std::string>& problems) {
  std::string message =
      std::string(origin) + " violates the " + std::string(contract_name(contract)) + " contract:";
  for (const auto& problem : problems) message += "\n  " + problem;
  throw ContractViolation(message);
}

// A document under a dated key carries that date.
void check_key_date(Contract contract, const nlohmann::json& document, std::string_view key) {
  const auto match = match_contract_key(key);
  if (!match || !match->date) return;
  if (auto problem = key_date_problem(document, *match->date); !problem.empty())
    violation(contract, key, {problem});
}

}  // namespace

std::span<const Contract> all_contracts() { return kAllContracts; }

std::string_view contract_name(Contract contract) {
  switch (contract) {
    case Contract::kSignals:
      return "signals";
    case Contract::kPredictions:
      return "predictions";
    case Contract::kCoverageResult:
      return "coverage_result";
    case Contract::kOrderBook:
      return "order_book";
    case Contract::kHealth:
      return "health";
  }
  return "unknown";
}

const nlohmann::json& contract_schema(Contract contract) {
  return schemas_table().schema(contract).document();
}

void validate_contract(Contract contract, const nlohmann::json& document, std::string_view origin) {
  std::vector<std::string> problems = non_finite_problems(document);
  if (!problems.empty()) violation(contract, origin, problems);

  problems = schemas_table().schema(contract).problems(document);
  if (!problems.empty()) violation(contract, origin, problems);
  problems = contract_rule_problems(contract, document);
  if (!problems.empty()) violation(contract, origin, problems);
}

nlohmann::json parse_contract(Contract contract, std::string_view text, std::string_view origin) {
  nlohmann::json document;
  try {
    document = parse_json(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw ContractViolation(std::string(origin) + " is not valid JSON (" +
                            std::string(contract_name(contract)) + " contract): byte " +
                            std::to_string(e.byte) + ": " + e.what());
  } catch (const nlohmann::json::exception& e) {  // a number past a double's range
    throw ContractViolation(std::string(origin) + " is not valid JSON (" +
                            std::string(contract_name(contract)) + " contract): " + e.what());
  } catch (const JsonTooDeep& e) {
    throw ContractViolation(std::string(origin) + " is not a " +
                            std::string(contract_name(contract)) + " document: " + e.what());
  }
  validate_contract(contract, document, origin);
  return document;
}

nlohmann::json parse_stored_contract(Contract contract, std::string_view text,
                                     std::string_view key) {
  nlohmann::json document = parse_contract(contract, text, key);
  check_key_date(contract, document, key);
  return document;
}

nlohmann::json read_contract(const ArtifactStore& store, Contract contract, std::string_view key) {
  return parse_stored_contract(contract, store.get(key), key);
}

std::string write_contract(ArtifactStore& store, Contract contract, std::string_view key,
                           const nlohmann::json& document) {
  return write_contract(store, contract, std::initializer_list<std::string_view>{key}, document);
}

std::string write_contract(ArtifactStore& store, Contract contract,
                           std::initializer_list<std::string_view> keys,
                           const nlohmann::json& document) {
  if (keys.size() == 0) return "";
  validate_contract(contract, document, *keys.begin());
  for (const auto key : keys) check_key_date(contract, document, key);
  std::string bytes = document.dump(2) + "\n";
  for (const auto key : keys) store.put(key, bytes);
  return bytes;
}

void put_store_object(ArtifactStore& store, std::string_view key, std::string_view bytes) {
  if (const auto match = match_contract_key(key))
    parse_stored_contract(match->contract, bytes, key);
  store.put(key, bytes);
}

}  // namespace ae::core
