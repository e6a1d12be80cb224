// Choice rules: a boolean expression over the state input (and variables).
// Comparisons name a Variable path and one operator (String*, Numeric*,
// Boolean*, Timestamp* with their ...Path forms, StringMatches, Is*); And /
// Or / Not combine rules. Parsed once (InvalidInput naming the JSON pointer);
// a comparison whose types do not fit is false, as the spec says.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "states/parse/payload.h"

namespace ae::states {

// A comparison operator, resolved from its name when the rule is parsed:
// "NumericGreaterThanEquals" is {kNumeric, kGreaterThanEquals}; the Is*
// tests are {kIs, <what>} and StringMatches is {kMatches, -}.
struct ChoiceOperator {
  enum class Family { kString, kNumeric, kBoolean, kTimestamp, kMatches, kIs } family;
  enum class Relation {
    kEquals,
    kLessThan,
    kGreaterThan,
    kLessThanEquals,
    kGreaterThanEquals,
    kNull,
    kPresent,
    kNumeric,
    kString,
    kBoolean,
    kTimestamp
  } relation;
};

struct ChoiceRule {
  enum class Kind { kAnd, kOr, kNot, kCompare } kind = Kind::kCompare;
  std::vector<ChoiceRule> children;  // And/Or/Not
  std::optional<JsonPath> variable;  // kCompare
  ChoiceOperator op{};               // kCompare
  bool against_path = false;         // the ...Path form
  Json value;                        // literal operand
  std::optional<JsonPath> value_path;
  // Only on top-level rules:
  std::string next;
  std::optional<PayloadTemplate> assign;

  static ChoiceRule parse(const Json& rule, const std::string& pointer, bool top_level);
  // Throws StateFailure(States.Runtime) when a ...Path operand is missing.
  bool matches(const Scope& scope) const;
};

// StringMatches: '*' matches any run of characters; '\*' and '\\' are literal.
bool string_matches(const std::string& text, const std::string& pattern);

}  // namespace ae::states
