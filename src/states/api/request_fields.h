// The members of an action's JSON request, read as AWS validates them:
//   - a missing required member, or a member of the wrong JSON type, is
//     ValidationException ("1 validation error detected: Value null at
//     'stateMachineArn' failed to satisfy constraint: Member must not be
//     null");
//   - check_name: a state machine or execution name has 1 to 80 characters
//     and none of: white space, < > { } [ ], ? *, " # % \ ^ | ~ ` $ & , ; : /,
//     control characters (U+0000-001F, U+007F-009F); InvalidName otherwise;
//   - page_size: maxResults, where absent or 0 means the default of 100
//     (ValidationException beyond 0..1000).
#pragma once

#include <optional>
#include <string>

#include "states/parse/json_path.h"

namespace ae::states::api {

inline constexpr size_t kDefaultPageSize = 100;

std::string required_string(const Json& body, const char* member);
std::optional<std::string> optional_string(const Json& body, const char* member);
std::optional<bool> optional_bool(const Json& body, const char* member);
// An array member, or an empty one when absent.
Json optional_array(const Json& body, const char* member);
void check_name(const std::string& name, const char* what);
size_t page_size(const Json& body);

}  // namespace ae::states::api
