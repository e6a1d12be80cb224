// Parsing and validating an ASL definition into the typed model.
//   parse_definition  - JSON -> StateMachine; throws DefinitionError listing
//                       every problem found, each naming the state and the
//                       JSON pointer (e.g. "/States/Check/Choices/0: ...").
//   validate_definition - the same checks, returning the problems instead.
// Checks: required and legal fields per state type, StartAt and every Next /
// Default / Catch target exist, no unreachable states, every path, payload
// template, intrinsic (name and arity) and choice rule compiles, Retry and
// Catch are well formed, and branches / item processors recursively.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "states/parse/definition.h"

namespace ae::states {

class DefinitionError : public core::InvalidInput {
 public:
  explicit DefinitionError(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

std::shared_ptr<const StateMachine> parse_definition(const Json& definition);
// Parses JSON text first (a syntax error is one problem).
std::shared_ptr<const StateMachine> parse_definition_text(const std::string& text);
std::vector<std::string> validate_definition(const Json& definition);

}  // namespace ae::states
