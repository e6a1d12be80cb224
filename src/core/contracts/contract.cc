#include "core/contracts/contract.h"

#include <array>
#include <memory>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "core/contracts/contract_keys.h"
#include "core/contracts/contract_rules.h"
#include "core/embedded_files.h"
#include "core/json_limits.h"

namespace ae::core {
namespace {

constexpr std::array kAllContracts = {Contract::kSignals, Contract::kPredictions,
                                      Contract::kCoverageResult, Contract::kOrderBook,
                                      Contract::kHealth};

// The parsed schemas, built once on first use and never modified afterwards.
class SchemaTable {
 public:
  SchemaTable() {
    for (Contract contract : kAllContracts) {
      const std::string file = std::string(contract_name(contract)) + ".schema.json";
      const std::string_view text = find_embedded(schemas::embedded_files(), file);
      auto& slot = slots_[static_cast<size_t>(contract)];
      slot.document = nlohmann::json::parse(text);
      slot.schema = std::make_unique<valijson::Schema>();
      valijson::SchemaParser parser;
      valijson::adapters::NlohmannJsonAdapter adapter(slot.document);
      parser.populateSchema(adapter, *slot.schema);
    }
  }
  const nlohmann::json& document(Contract c) const {
    return slots_[static_cast<size_t>(c)].document;
  }
  const valijson::Schema& schema(Contract c) const {
    return *slots_[static_cast<size_t>(c)].schema;
  }

 private:
  struct Slot {
    nlohmann::json document;
    std::unique_ptr<valijson::Schema> schema;
  };
  std::array<Slot, kAllContracts.size()> slots_;
};

const SchemaTable& schemas_table() {
  static const SchemaTable table;
  return table;
}

// valijson context ["<root>", "[buy_candidates]", "[0]"] -> "/buy_candidates/0".
std::string to_pointer(const std::vector<std::string>& context) {
  std::string pointer;
  for (const auto& part : context) {
    if (part == "<root>") continue;
    std::string_view token = part;
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']') {
      token = token.substr(1, token.size() - 2);
    }
    if (token.size() >= 2 && token.front() == '"' && token.back() == '"') {
      token = token.substr(1, token.size() - 2);
    }
    pointer.push_back('/');
    pointer.append(escape_pointer_token(std::string(token)));
  }
  return pointer.empty() ? "/" : pointer;
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
  return schemas_table().document(contract);
}

void validate_contract(Contract contract, const nlohmann::json& document, std::string_view origin) {
  std::vector<std::string> problems = non_finite_problems(document);
  if (!problems.empty()) violation(contract, origin, problems);

  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(document);
  if (!validator.validate(schemas_table().schema(contract), target, &results)) {
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
      problems.push_back(to_pointer(error.context) + ": " + error.description);
    }
    violation(contract, origin, problems);
  }
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

void write_contract(ArtifactStore& store, Contract contract, std::string_view key,
                    const nlohmann::json& document) {
  validate_contract(contract, document, key);
  check_key_date(contract, document, key);
  store.put(key, document.dump(2) + "\n");
}

void put_store_object(ArtifactStore& store, std::string_view key, std::string_view bytes) {
  if (const auto match = match_contract_key(key))
    parse_stored_contract(match->contract, bytes, key);
  store.put(key, bytes);
}

}  // namespace ae::core
