#include "web/security.h"

#include <algorithm>
#include <cctype>

namespace ae::web {
namespace {

std::string lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

// Decodes %XX escapes repeatedly (double encoding: %252e -> %2e -> .).
std::string fully_decoded(std::string_view text) {
  std::string current(text);
  for (int round = 0; round < 4; ++round) {
    std::string next;
    next.reserve(current.size());
    for (size_t i = 0; i < current.size(); ++i) {
      if (current[i] == '%' && i + 2 < current.size() &&
          std::isxdigit(static_cast<unsigned char>(current[i + 1])) &&
          std::isxdigit(static_cast<unsigned char>(current[i + 2]))) {
        next.push_back(static_cast<char>(std::stoi(current.substr(i + 1, 2), nullptr, 16)));
        i += 2;
      } else {
        next.push_back(current[i]);
      }
    }
    if (next == current) break;
    current = std::move(next);
  }
  return current;
}

}  // namespace

bool is_loopback_address(std::string_view bind) {
  const std::string address = lower(bind);
  if (address == "localhost" || address == "::1" || address == "[::1]") return true;
  return address.rfind("127.", 0) == 0 && std::all_of(address.begin(), address.end(), [](char c) {
           return c == '.' || std::isdigit(static_cast<unsigned char>(c));
         });
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  // Compares every byte of the longer string whatever the lengths, so the time
  // depends on the lengths only.
  const size_t length = std::max(a.size(), b.size());
  unsigned char difference = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < length; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    difference |= static_cast<unsigned char>(x ^ y);
  }
  return difference == 0;
}

std::optional<std::string> presented_token(std::string_view authorization_header,
                                           std::optional<std::string> query_token) {
  constexpr std::string_view kBearer = "bearer ";
  if (authorization_header.size() > kBearer.size() &&
      lower(authorization_header.substr(0, kBearer.size())) == kBearer) {
    std::string_view token = authorization_header.substr(kBearer.size());
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    return std::string(token);
  }
  return query_token;
}

bool is_traversal_attempt(std::string_view target) {
  const std::string path = fully_decoded(target.substr(0, target.find('?')));
  if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) return true;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t end = std::min(path.find('/', start), path.size());
    if (path.compare(start, end - start, "..") == 0) return true;
    start = end + 1;
  }
  return false;
}

bool is_allowed_method(std::string_view method) { return method == "GET" || method == "HEAD"; }

}  // namespace ae::web
