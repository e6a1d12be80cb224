#include "core/contracts/validated_digests.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/digest.h"

namespace ae::core {
namespace {

// What a key's entry records: the contract it was validated as, and the digest.
std::string entry(Contract contract, std::string_view sha256) {
  return fmt::format("{}:{}", contract_name(contract), sha256);
}

}  // namespace

ValidatedDigests::ValidatedDigests(ArtifactStore& store, std::string index_key)
    : store_(store), index_key_(std::move(index_key)) {
  const auto text = store_.try_get(index_key_);
  if (!text) return;
  const auto index = nlohmann::json::parse(*text, nullptr, false);
  if (index.is_discarded() || !index.is_object()) {
    spdlog::warn("{}: not a digest index; every document is validated again", index_key_);
    return;
  }
  for (const auto& [key, value] : index.items())
    if (value.is_string()) digests_.emplace(key, value.get<std::string>());
}

std::string ValidatedDigests::read(Contract contract, std::string_view key,
                                   std::string* sha256) const {
  std::string bytes = store_.get(key);
  const auto bytes_sha256 = sha256_hex(bytes);
  if (sha256) *sha256 = bytes_sha256;
  const auto digest = entry(contract, bytes_sha256);
  {
    const std::lock_guard lock(mutex_);
    if (const auto it = digests_.find(key); it != digests_.end() && it->second == digest)
      return bytes;
  }
  parse_stored_contract(contract, bytes, key);  // throws unless the bytes pass the schema
  const std::lock_guard lock(mutex_);
  digests_.insert_or_assign(std::string(key), digest);
  changed_ = true;
  return bytes;
}

void ValidatedDigests::remember_written(Contract contract, std::string_view key,
                                        std::string_view sha256) {
  const std::lock_guard lock(mutex_);
  digests_.insert_or_assign(std::string(key), entry(contract, sha256));
  changed_ = true;
}

void ValidatedDigests::save() {
  const std::lock_guard lock(mutex_);
  if (!changed_) return;
  store_.put(index_key_, nlohmann::json(digests_).dump() + "\n");
  changed_ = false;
}

}  // namespace ae::core
