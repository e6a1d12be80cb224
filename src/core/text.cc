#include "core/text.h"

#include <algorithm>
#include <cctype>

namespace ae::core {
namespace {

// The well-formed UTF-8 sequence at text[i]: its length when complete, else
// how many of its bytes are well-formed so far (the "maximal subpart", one
// U+FFFD in all; at least 1). Unicode Table 3-7: the allowed second byte
// depends on the first.
struct Sequence {
  std::size_t length = 1;
  bool complete = true;
};

Sequence sequence_at(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return {1, true};
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) low = 0xA0;   // no overlong form
    if (b0 == 0xED) high = 0x9F;  // no surrogate
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) low = 0x90;   // no overlong form
    if (b0 == 0xF4) high = 0x8F;  // nothing past U+10FFFF
  } else {
    return {1, false};
  }
  for (std::size_t k = 1; k < length; ++k) {
    const bool fits = i + k < text.size() && byte(i + k) >= (k == 1 ? low : 0x80) &&
                      byte(i + k) <= (k == 1 ? high : 0xBF);
    if (!fits) return {k, false};
  }
  return {length, true};
}

}  // namespace

std::string to_upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::string to_valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto sequence = sequence_at(text, i);
    if (sequence.complete)
      out.append(text.substr(i, sequence.length));
    else
      out += "\xEF\xBF\xBD";  // U+FFFD
    i += sequence.length;
  }
  return out;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto sequence = sequence_at(text, i);
    if (!sequence.complete) return false;
    i += sequence.length;
  }
  return true;
}

std::vector<std::string_view> utf8_characters(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = sequence_at(text, i).length;
    out.push_back(text.substr(i, length));
    i += length;
  }
  return out;
}

}  // namespace ae::core
