// FNV-1a (64-bit) over bytes: the fingerprints that name things (a model
// version's data and parameters, research's parameter set, a simulated
// ticker's price seed). Fast and stable, not collision-proof: content
// hashes that guard data use SHA-256 (digest.h).
// Its start value is 1469598103934665603, not the published offset basis
// 14695981039346656037: every stored version, fingerprint and seed was made
// with it, so it stays.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ae::core {

class Fnv1a {
 public:
  static constexpr std::uint64_t kStart = 1469598103934665603ull;
  static constexpr std::uint64_t kPrime = 1099511628211ull;

  Fnv1a& add(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) hash_ = (hash_ ^ bytes[i]) * kPrime;
    return *this;
  }
  Fnv1a& add(std::string_view text) { return add(text.data(), text.size()); }
  // The text and a zero byte after it, so that fields added one after
  // another cannot run into each other.
  Fnv1a& add_field(std::string_view text) {
    constexpr unsigned char kEnd = 0;
    return add(text).add(&kEnd, 1);
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = kStart;
};

}  // namespace ae::core
