// Base64 with the standard alphabet and '=' padding (RFC 4648 section 4), no
// line breaks, through OpenSSL's libcrypto. Decoding is strict: the text must
// be whole 4-character groups of the alphabet, with '=' only as the last one
// or two characters.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ae::core {

std::string base64_encode(std::string_view data);

// nullopt when `text` is not valid padded Base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace ae::core
