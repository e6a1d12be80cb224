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

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  if (!context_ || EVP_DigestInit_ex(context_, EVP_sha256(), nullptr) != 1) {
    EVP_MD_CTX_free(context_);
    throw IoError("digest: libcrypto failed to start a SHA-256");
  }
}

Sha256::~Sha256() { EVP_MD_CTX_free(context_); }

Sha256& Sha256::update(std::string_view data) {
  if (EVP_DigestUpdate(context_, data.data(), data.size()) != 1)
    throw IoError("digest: libcrypto failed to compute SHA-256");
  return *this;
}

std::string Sha256::hex() {
  unsigned char bytes[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context_, bytes, &length) != 1)
    throw IoError("digest: libcrypto failed to compute SHA-256");
  return core::hex(std::string_view(reinterpret_cast<const char*>(bytes), length));
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
