#include "core/base64.h"

#include <openssl/evp.h>

#include <algorithm>
#include <climits>

#include "core/error.h"

namespace ae::core {
namespace {

bool in_alphabet(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// Characters of `text` that are '=' padding, or nullopt if the text is not
// whole groups of the alphabet with at most two '=' at its very end.
std::optional<std::size_t> padding_of(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t pads = 0;
  while (pads < 2 && pads < text.size() && text[text.size() - 1 - pads] == '=') ++pads;
  const auto body = text.substr(0, text.size() - pads);
  if (!std::all_of(body.begin(), body.end(), in_alphabet)) return std::nullopt;
  return pads;
}

int checked_length(std::size_t size) {
  if (size > INT_MAX / 4 * 3)
    throw InvalidInput("base64: input of " + std::to_string(size) + " bytes is too long");
  return static_cast<int>(size);
}

}  // namespace

std::string base64_encode(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(data.data()),
                                      checked_length(data.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  const auto pads = padding_of(text);
  if (!pads) return std::nullopt;
  if (text.empty()) return std::string();
  std::string out(text.size() / 4 * 3, '\0');
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(text.data()),
                                      checked_length(text.size()));
  if (written < 0) return std::nullopt;
  out.resize(static_cast<std::size_t>(written) - *pads);
  return out;
}

}  // namespace ae::core
