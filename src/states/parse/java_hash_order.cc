#include "states/parse/java_hash_order.h"

#include <algorithm>
#include <cstdint>

namespace ae::states {
namespace {

// The next code point of valid UTF-8 text (JSON strings are) at `at`.
char32_t next_code_point(const std::string& text, size_t& at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  char32_t point = length == 1 ? lead : lead & (0xFF >> (length + 1));
  for (size_t i = 1; i < length && at + i < text.size(); ++i)
    point = (point << 6) | (byte(at + i) & 0x3F);
  at += length;
  return point;
}

// java.lang.String.hashCode(): s[0]*31^(n-1) + ... + s[n-1] over UTF-16
// code units, in 32-bit arithmetic.
std::uint32_t java_string_hash(const std::string& key) {
  std::uint32_t hash = 0;
  for (size_t at = 0; at < key.size();) {
    const char32_t point = next_code_point(key, at);
    if (point < 0x10000) {
      hash = 31 * hash + point;
    } else {
      hash = 31 * hash + (0xD800 + ((point - 0x10000) >> 10));
      hash = 31 * hash + (0xDC00 + ((point - 0x10000) & 0x3FF));
    }
  }
  return hash;
}

}  // namespace

std::vector<size_t> java_hash_map_order(const std::vector<std::string>& keys) {
  std::uint32_t capacity = 16;
  while (keys.size() > capacity / 4 * 3) capacity *= 2;
  std::vector<std::uint32_t> bucket(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::uint32_t hash = java_string_hash(keys[i]);
    bucket[i] = (hash ^ (hash >> 16)) & (capacity - 1);
  }
  std::vector<size_t> order(keys.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return bucket[a] < bucket[b]; });
  return order;
}

}  // namespace ae::states
