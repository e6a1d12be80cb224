// Fuzzes JSONPath (states/parse/json_path.h): the input is a path, a newline
// and a JSON document (the data, the context object and the variable $v). A
// path is valid UTF-8, as every string of a definition is (others are skipped).
// Asserts: never crashes; bad syntax is InvalidInput; evaluation fails only
// with a StateFailure (the payload limits); a definite path selects at most
// one value, and find agrees with select; a reference path written into the
// document is then found there with the value written.
#include "states/parse/json_path.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.h"
#include "core/json_limits.h"
#include "core/text.h"
#include "fuzz_check.h"
#include "states/parse/scope.h"
#include "states/run/failure.h"

namespace {

using namespace ae::states;

Json document_of(std::string_view text) {
  try {
    return ae::core::parse_json<Json>(text);
  } catch (const Json::exception&) {
  } catch (const ae::core::JsonTooDeep&) {
  }
  return Json::object();
}

void check_select_and_find(const JsonPath& path, const Json& document) {
  const std::vector<const Json*> selected = path.select(document);
  PathMiss miss;
  const std::optional<Json> found = path.find(document, &miss);
  if (!path.is_definite()) {
    AE_FUZZ_CHECK(found && found->is_array() && found->size() == selected.size());
    return;
  }
  AE_FUZZ_CHECK(selected.size() <= 1);
  AE_FUZZ_CHECK(found.has_value() == (selected.size() == 1));
  if (found) AE_FUZZ_CHECK(*found == *selected.front());
  if (!found) AE_FUZZ_CHECK(!miss.detail.empty());
}

void check_write(const JsonPath& path, const Json& document) {
  Json target = document;
  const Json value = {{"written", true}};
  try {
    path.write(target, value);
  } catch (const StateFailure& failure) {
    AE_FUZZ_CHECK(failure.error() == errors::kResultPathMatchFailure);
    return;
  }
  AE_FUZZ_CHECK(path.find(target) == value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  const std::string_view text = input.substr(0, newline);
  if (!ae::core::is_valid_utf8(text)) return 0;
  const Json document =
      newline == std::string_view::npos ? Json::object() : document_of(input.substr(newline + 1));
  std::optional<JsonPath> path;
  try {
    path = JsonPath::parse(text);
  } catch (const ae::core::InvalidInput&) {
    return 0;
  }
  try {
    check_select_and_find(*path, document);
    Variables variables;
    variables.set("v", document);
    const Scope scope{document, document, variables};
    evaluate_path(*path, scope);
  } catch (const StateFailure& failure) {
    AE_FUZZ_CHECK(failure.error() == errors::kDataLimitExceeded);
  }
  if (path->is_reference()) check_write(*path, document);
  return 0;
}
