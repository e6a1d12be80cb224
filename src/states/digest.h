// Self-contained digests and Base64 for the intrinsic functions States.Hash,
// States.Base64Encode and States.Base64Decode. Digests return lowercase hex.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ae::states {

std::string md5_hex(std::string_view data);
std::string sha1_hex(std::string_view data);
std::string sha256_hex(std::string_view data);
std::string sha384_hex(std::string_view data);
std::string sha512_hex(std::string_view data);

std::string base64_encode(std::string_view data);
// nullopt when `text` is not valid (padded) Base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace ae::states
