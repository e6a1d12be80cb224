#include "core/digest.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

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
  return hex(std::string_view(reinterpret_cast<const char*>(bytes), length));
}

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * bytes.size());
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += kDigits[byte >> 4];
    out += kDigits[byte & 15];
  }
  return out;
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char bytes[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), bytes,
           &length) == nullptr)
    throw IoError("hmac: libcrypto failed to compute HMAC-SHA256");
  return std::string(reinterpret_cast<const char*>(bytes), length);
}

std::string sha256_hex(std::string_view data) { return digest_hex(DigestAlgorithm::kSha256, data); }

}  // namespace ae::core
