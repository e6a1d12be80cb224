#include "states/api/pagination.h"

#include <charconv>

#include "core/base64.h"
#include "core/digest.h"
#include "states/api/errors.h"

namespace ae::states::api {
namespace {

std::string scope_tag(const std::string& scope) { return core::sha256_hex(scope).substr(0, 16); }

}  // namespace

std::string page_token(const std::string& scope, long long cursor) {
  return core::base64_encode(scope_tag(scope) + ":" + std::to_string(cursor));
}

long long page_cursor(const std::string& token, const std::string& scope) {
  const auto text = core::base64_decode(token);
  const std::string tag = scope_tag(scope) + ":";
  long long cursor = 0;
  if (text && text->starts_with(tag)) {
    const char* begin = text->data() + tag.size();
    const char* end = text->data() + text->size();
    const auto [last, error] = std::from_chars(begin, end, cursor);
    if (error == std::errc() && last == end && begin != end) return cursor;
  }
  throw ApiError("InvalidToken", "Invalid Token: '" + token + "'");
}

}  // namespace ae::states::api
