// Payload templates: the JSON objects of Parameters, ResultSelector,
// ItemSelector and Assign. A key ending in ".$" takes its value from a path
// ($, $$, $var) or an intrinsic function; every other value is copied as is
// (recursing into objects and arrays). Compiled once from the definition
// (InvalidInput naming the JSON pointer on a bad path or expression).
#pragma once

#include <memory>
#include <string>

#include "states/parse/scope.h"

namespace ae::states {

struct PayloadNode;
class Intrinsic;

// One dynamic value: a path or an intrinsic call, named by the field it came
// from ("value.$", "ErrorPath", ...) for error messages.
class DynamicValue {
 public:
  static DynamicValue compile(const std::string& text, std::string field,
                              const std::string& pointer);
  Json evaluate(const Scope& scope) const;
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::string field_;
  std::optional<JsonPath> path_;
  std::shared_ptr<const Intrinsic> intrinsic_;
};

class PayloadTemplate {
 public:
  // `pointer` locates `value` in the definition for error messages.
  static PayloadTemplate compile(const Json& value, const std::string& pointer);
  // Throws StateFailure(States.Runtime) when a path selects nothing and
  // States.IntrinsicFailure when a function rejects its arguments.
  Json evaluate(const Scope& scope) const;

 private:
  std::shared_ptr<const PayloadNode> root_;
};

// `pointer` + "/" + `key`, escaped as RFC 6901 requires.
std::string pointer_child(const std::string& pointer, const std::string& key);

}  // namespace ae::states
