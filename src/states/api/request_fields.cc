#include "states/api/request_fields.h"

#include <string_view>

#include "states/api/errors.h"

namespace ae::states::api {
namespace {

ApiError invalid(const std::string& value, const char* member, const std::string& constraint) {
  return ApiError("ValidationException", "1 validation error detected: Value " + value + " at '" +
                                             member +
                                             "' failed to satisfy constraint: " + constraint);
}

const Json* member_of(const Json& body, const char* member) {
  auto found = body.find(member);
  if (found == body.end() || found->is_null()) return nullptr;
  return &*found;
}

bool has_forbidden_character(std::string_view name) {
  static constexpr std::string_view kForbidden = " <>{}[]?*\"#%\\^|~`$&,;:/";
  for (size_t i = 0; i < name.size(); ++i) {
    const auto byte = static_cast<unsigned char>(name[i]);
    if (byte < 0x20 || byte == 0x7f ||
        kForbidden.find(static_cast<char>(byte)) != std::string_view::npos)
      return true;
    // U+0080..U+009F are C2 80..C2 9F in UTF-8; U+00A0 is a no-break space.
    if (byte == 0xc2 && i + 1 < name.size()) {
      const auto next = static_cast<unsigned char>(name[i + 1]);
      if (next <= 0xa0) return true;
    }
  }
  return false;
}

}  // namespace

std::string required_string(const Json& body, const char* member) {
  const Json* value = member_of(body, member);
  if (value == nullptr) throw invalid("null", member, "Member must not be null");
  if (!value->is_string()) throw invalid(value->dump(), member, "Member must be a string");
  return value->get<std::string>();
}

std::optional<std::string> optional_string(const Json& body, const char* member) {
  if (member_of(body, member) == nullptr) return std::nullopt;
  return required_string(body, member);
}

std::optional<bool> optional_bool(const Json& body, const char* member) {
  const Json* value = member_of(body, member);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) throw invalid(value->dump(), member, "Member must be a boolean");
  return value->get<bool>();
}

Json optional_array(const Json& body, const char* member) {
  const Json* value = member_of(body, member);
  if (value == nullptr) return Json::array();
  if (!value->is_array()) throw invalid(value->dump(), member, "Member must be a list");
  return *value;
}

void check_name(const std::string& name, const char* what) {
  if (name.empty() || name.size() > 80 || has_forbidden_character(name))
    throw ApiError("InvalidName", "Invalid Name: '" + name + "' (" + what +
                                      " names have 1 to 80 characters, without white space, "
                                      "brackets, wildcards, special or control characters)");
}

size_t page_size(const Json& body) {
  const Json* value = member_of(body, "maxResults");
  if (value == nullptr) return kDefaultPageSize;
  if (!value->is_number_integer() || value->get<long long>() < 0 || value->get<long long>() > 1000)
    throw invalid(value->dump(), "maxResults", "Member must have value less than or equal to 1000");
  const auto size = value->get<size_t>();
  return size == 0 ? kDefaultPageSize : size;
}

}  // namespace ae::states::api
