// Where each contract lives in the artifact store: the key patterns
// ("signals/{date}/signals.json", "health/{module}.json", ...) and the
// matching of a key against them, so that every write path (the stages'
// writers and `ae store put`) validates a contract key against its schema,
// and a dated key holds the document of that date.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/contracts/contract.h"

namespace ae::core {

struct ContractKeyPattern {
  Contract contract;
  // "{date}" stands for YYYY-MM-DD, "{module}" for one key segment.
  std::string_view pattern;
};

// Every pattern, in the order `ae contracts list` prints them.
std::span<const ContractKeyPattern> contract_key_patterns();

struct ContractKeyMatch {
  Contract contract;
  std::optional<std::string> date;  // the key's {date}, when its pattern has one
};

// The contract a store key holds, or nullopt for a key of no contract.
std::optional<ContractKeyMatch> match_contract_key(std::string_view key);

}  // namespace ae::core
