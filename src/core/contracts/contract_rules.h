// The rules of a contract that its JSON Schema cannot express, checked after
// the schema on every validation (contract.h):
//   every contract   no non-finite number (NaN, ±inf) anywhere, and the
//                    document reads into its struct (signals.h, ...): its
//                    dates are days of the calendar, its timestamps UTC;
//   predictions      n_predictions equals the number of rows, and no ticker
//                    has two rows.
// Each problem is one line: the JSON pointer and the rule broken. The walk is
// iterative, so a document of any depth is checked without recursion.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/contracts/contract.h"

namespace ae::core {

// One JSON pointer token (RFC 6901: '~' -> "~0", '/' -> "~1").
std::string escape_pointer_token(const std::string& token);

// Non-finite numbers, anywhere in the document.
std::vector<std::string> non_finite_problems(const nlohmann::json& document);

// The contract's own rules, for a document that satisfies its schema.
std::vector<std::string> contract_rule_problems(Contract contract, const nlohmann::json& document);

// A document read from or written to a dated key ("signals/{date}/...")
// must carry that date; one problem line, or empty.
std::string key_date_problem(const nlohmann::json& document, const std::string& key_date);

}  // namespace ae::core
