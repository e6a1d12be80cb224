// Fuzzes the ASL parser and validator (states/parse/parser.h) with definition
// text, as an execution reads it (parse_definition_text) and as `ae sfn
// validate` checks it (validate_definition).
// Asserts: never crashes; a bad definition is one typed DefinitionError
// listing its problems, and validate_definition lists the same problems for
// the same document (none when it parses); a definition that parses draws as
// a graph in both formats and yields its warnings.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/json_limits.h"
#include "fuzz_check.h"
#include "states/parse/graph.h"
#include "states/parse/parser.h"
#include "states/parse/warnings.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ae::states;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::shared_ptr<const StateMachine> machine;
  std::vector<std::string> problems;
  try {
    machine = parse_definition_text(text);
  } catch (const DefinitionError& error) {
    problems = error.problems();
    AE_FUZZ_CHECK(!problems.empty());
  }
  Json document;
  try {
    document = ae::core::parse_json<Json>(text);
  } catch (const Json::exception&) {
    AE_FUZZ_CHECK(!machine);
    return 0;
  } catch (const ae::core::JsonTooDeep&) {
    AE_FUZZ_CHECK(!machine);
    return 0;
  }
  AE_FUZZ_CHECK(validate_definition(document) == problems);
  if (machine) {
    AE_FUZZ_CHECK(!render_graph(*machine, GraphFormat::kMermaid).empty());
    AE_FUZZ_CHECK(!render_graph(*machine, GraphFormat::kDot).empty());
    definition_warnings(*machine);
  }
  return 0;
}
