// Fuzzes the intrinsic functions (states/parse/intrinsics.h): the input is an
// expression ("States.Format('{}', $.a)"), a newline and a JSON document (the
// data, the context object and the variable $v). An expression is valid UTF-8,
// as every string of a definition is (others are skipped).
// Asserts: never crashes; a bad expression (syntax, unknown function, arity)
// is InvalidInput; evaluation fails only with a StateFailure naming
// States.IntrinsicFailure, States.Runtime (a path that selects nothing) or
// States.DataLimitExceeded; a value it yields is valid JSON (its text, as the
// execution history records it, is valid UTF-8).
#include "states/parse/intrinsics.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json_limits.h"
#include "core/text.h"
#include "fuzz_check.h"
#include "states/run/failure.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ae::states;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  const std::string_view expression = input.substr(0, newline);
  if (!ae::core::is_valid_utf8(expression)) return 0;
  Json document = Json::object();
  if (newline != std::string_view::npos) {
    try {
      document = ae::core::parse_json<Json>(input.substr(newline + 1));
    } catch (const Json::exception&) {
    } catch (const ae::core::JsonTooDeep&) {
    }
  }
  std::optional<Intrinsic> intrinsic;
  try {
    intrinsic = Intrinsic::parse(expression);
  } catch (const ae::core::InvalidInput&) {
    return 0;
  }
  Variables variables;
  variables.set("v", document);
  RandomSource random;
  const Scope scope{document, document, variables, &random};
  try {
    intrinsic->evaluate(scope).dump();  // throws type_error for invalid UTF-8
  } catch (const StateFailure& failure) {
    const std::string& error = failure.error();
    AE_FUZZ_CHECK(error == errors::kIntrinsicFailure || error == errors::kRuntime ||
                  error == errors::kDataLimitExceeded);
  }
  return 0;
}
