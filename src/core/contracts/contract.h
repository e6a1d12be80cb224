// JSON contracts between stages. Every contract file is validated against its
// JSON Schema (schemas/*.schema.json, compiled into the binary, checked with
// valijson) on every write and on every read: a producer cannot publish a bad
// file and a consumer cannot act on one.
//
// A violation throws ContractViolation whose message names the origin (store
// key or file), then one line per problem: the JSON pointer and the rule
// broken, e.g.
//   signals/2026-04-20/signals.json violates the signals contract:
//     /buy_candidates/0/score: Value is greater than the maximum (100)
// After the schema come the rules it cannot express (contract_rules.h:
// non-finite numbers, predictions' row count and unique tickers, and the
// document reading into its struct), and a document under a dated key must
// carry the key's date (contract_keys.h).
// The schemas give dates as patterns, not formats (valijson's format check
// throws on a value that is not a string), and every pattern repeats a
// bounded number of times: std::regex recurses once per character a
// repetition matches, so "[0-9]+" overflows the stack on a long string.
// Malformed JSON text is a ContractViolation naming the byte offset, and a
// document nested deeper than core::kMaxJsonDepth is refused while parsing
// (json_limits.h), so no check ever recurses over unbounded depth.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include "core/artifact_store.h"
#include "core/error.h"

namespace ae::core {

enum class Contract { kSignals, kPredictions, kCoverageResult, kOrderBook, kHealth };

class ContractViolation : public InvalidInput {
 public:
  using InvalidInput::InvalidInput;
};

// Every contract, in the order `ae contracts list` prints them.
std::span<const Contract> all_contracts();

// "signals", "predictions", "coverage_result", "order_book", "health".
std::string_view contract_name(Contract contract);

// The schema document itself (for `ae contracts show` and tests).
const nlohmann::json& contract_schema(Contract contract);

void validate_contract(Contract contract, const nlohmann::json& document, std::string_view origin);

// Parses JSON text and validates it.
nlohmann::json parse_contract(Contract contract, std::string_view text, std::string_view origin);
// parse_contract, plus the date of a dated store key.
nlohmann::json parse_stored_contract(Contract contract, std::string_view text,
                                     std::string_view key);

// Store helpers: read = get + parse_stored_contract (NotFound passes through
// untouched); write = validate (and the key's date), then one atomic put of
// pretty-printed JSON, whose bytes it returns.
nlohmann::json read_contract(const ArtifactStore& store, Contract contract, std::string_view key);
std::string write_contract(ArtifactStore& store, Contract contract, std::string_view key,
                           const nlohmann::json& document);
// The same document under several keys (a dated key and its latest.json):
// validated once, every key's date checked before the first put, serialised
// once, then one atomic put per key, in order.
std::string write_contract(ArtifactStore& store, Contract contract,
                           std::initializer_list<std::string_view> keys,
                           const nlohmann::json& document);

// Puts raw bytes under `key`; a key that holds a contract (contract_keys.h)
// is validated first, so a broken file never replaces a good object.
void put_store_object(ArtifactStore& store, std::string_view key, std::string_view bytes);

}  // namespace ae::core
