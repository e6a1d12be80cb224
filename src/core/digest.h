// Message digests as lowercase hex, computed by OpenSSL's libcrypto (EVP):
// MD5, SHA-1 and the SHA-2 family. Throws IoError if libcrypto fails (an
// algorithm disabled by the system's OpenSSL policy, say).
#pragma once

#include <string>
#include <string_view>

namespace ae::core {

enum class DigestAlgorithm { kMd5, kSha1, kSha256, kSha384, kSha512 };

std::string digest_hex(DigestAlgorithm algorithm, std::string_view data);

// digest_hex(kSha256, data): content hashes and idempotency-derived ids.
std::string sha256_hex(std::string_view data);

}  // namespace ae::core
