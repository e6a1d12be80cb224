// Message digests as lowercase hex, computed by OpenSSL's libcrypto (EVP):
// MD5, SHA-1 and the SHA-2 family, and HMAC-SHA256 (raw bytes, for request
// signatures). Throws IoError if libcrypto fails (an algorithm disabled by
// the system's OpenSSL policy, say).
#pragma once

#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace ae::core {

enum class DigestAlgorithm { kMd5, kSha1, kSha256, kSha384, kSha512 };

std::string digest_hex(DigestAlgorithm algorithm, std::string_view data);

// digest_hex(kSha256, data): content hashes and idempotency-derived ids.
std::string sha256_hex(std::string_view data);

// SHA-256 of data given in pieces: update() any number of times, then
// hex() once (the same value as sha256_hex of the pieces concatenated).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  Sha256& update(std::string_view data);
  std::string hex();

 private:
  evp_md_ctx_st* context_;  // OpenSSL's EVP_MD_CTX
};

// HMAC-SHA256 of `data` under `key`: the 32 raw bytes.
std::string hmac_sha256(std::string_view key, std::string_view data);

// Bytes as lowercase hex.
std::string hex(std::string_view bytes);

}  // namespace ae::core
