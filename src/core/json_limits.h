// Limits on JSON that comes from outside the process (files, command-line
// arguments, task outputs, intrinsic arguments), so that a hostile document
// fails with a clear error instead of exhausting the stack or the memory.
//
// Size: json_size_estimate bounds the work of measuring a value.
//
// Depth: a document may nest arrays and objects at most kMaxJsonDepth levels
// (a scalar is depth 0, [] and {} depth 1), the default of Jackson's
// StreamReadConstraints, the parser of AWS's Java services. parse_json
// enforces it while parsing (nlohmann's parser is iterative; the callback
// stops it at the first level too deep), and json_depth measures a value
// built in memory, both without recursion. Code that recurses over a value
// may rely on this bound.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/error.h"

namespace ae::core {

inline constexpr size_t kMaxJsonDepth = 1000;

// A document nested deeper than kMaxJsonDepth. The message names the limit;
// callers prefix where the document came from.
class JsonTooDeep : public InvalidInput {
 public:
  using InvalidInput::InvalidInput;
};

// Each function works on nlohmann::json (sorted members) and on
// nlohmann::ordered_json (insertion order, the States engine's); both are
// instantiated in json_limits.cc.

// JsonType::parse with the depth limit: throws JsonTooDeep for a document
// nested too deep, nlohmann::json::parse_error for bad syntax and
// nlohmann::json::out_of_range for a number past a double's range (1E400).
template <class JsonType = nlohmann::json>
JsonType parse_json(std::string_view text);

// The nesting depth of `value`, measured iteratively; stops counting once it
// passes `stop_after` (so a hostile value costs no more than that).
template <class JsonType>
size_t json_depth(const JsonType& value, size_t stop_after = kMaxJsonDepth);

// A rough size of `value` as JSON text (strings and keys exactly, plus
// quotes and separators; 8 bytes per other scalar), measured iteratively;
// stops once it passes `stop_after`. Exact enough to decide whether a value
// is near a size limit before serialising it.
template <class JsonType>
size_t json_size_estimate(const JsonType& value, size_t stop_after);

// "JSON nested deeper than 1000 levels", the message of every depth error.
std::string json_too_deep_message();

}  // namespace ae::core
