#include "core/digest.h"

#include <openssl/evp.h>

#include "core/error.h"

namespace ae::core {
namespace {

const EVP_MD* evp_digest(DigestAlgorithm algorithm) {
  switch (algorithm) {
    case DigestAlgorithm::kMd5:
      return EVP_md5();
    case DigestAlgorithm::kSha1:
      return EVP_sha1();
    case DigestAlgorithm::kSha256:
      return EVP_sha256();
    case DigestAlgorithm::kSha384:
      return EVP_sha384();
    case DigestAlgorithm::kSha512:
      return EVP_sha512();
  }
  throw InvalidInput("digest: unknown algorithm");
}

}  // namespace

std::string digest_hex(DigestAlgorithm algorithm, std::string_view data) {
  const EVP_MD* md = evp_digest(algorithm);
  unsigned char bytes[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), bytes, &length, md, nullptr) != 1) {
    throw IoError(std::string("digest: libcrypto failed to compute ") + EVP_MD_get0_name(md));
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kDigits[bytes[i] >> 4];
    hex += kDigits[bytes[i] & 15];
  }
  return hex;
}

std::string sha256_hex(std::string_view data) { return digest_hex(DigestAlgorithm::kSha256, data); }

}  // namespace ae::core
