// Intrinsic functions: "States.Name(arg, ...)" expressions in `.$` fields.
// Arguments are 'string literals' (escapes \' \{ \} \\), numbers, true,
// false, null, paths ($, $$, $var) and nested calls. An expression is parsed
// once (Intrinsic::parse throws InvalidInput on bad syntax, an unknown
// function or a wrong argument count) and evaluated per state entry;
// evaluation throws StateFailure(States.IntrinsicFailure) on bad arguments and
// States.Runtime when a path argument selects nothing.
#pragma once

#include <memory>
#include <random>
#include <string>
#include <string_view>

#include "states/parse/scope.h"

namespace ae::states {

struct IntrinsicNode;

class Intrinsic {
 public:
  static Intrinsic parse(std::string_view text);
  Json evaluate(const Scope& scope) const;
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::shared_ptr<const IntrinsicNode> root_;
};

// True when a `.$` value is an intrinsic call rather than a path.
bool looks_like_intrinsic(std::string_view text);

// A random version-4 UUID (States.UUID; express execution ids).
std::string make_uuid(std::mt19937_64& random);

}  // namespace ae::states
