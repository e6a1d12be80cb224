// A digest of doubles' bits, for a benchmark to show that an optimisation
// changed no value: FNV-1a's step over each value's 64 bits, in the order
// the values are added.
#pragma once

#include <fmt/format.h>

#include <bit>
#include <cstdint>
#include <string>

namespace ae::bench {

class ValueDigest {
 public:
  void add(double value) { hash_ = (hash_ ^ std::bit_cast<std::uint64_t>(value)) * kPrime; }
  std::string hex() const { return fmt::format("{:016x}", hash_); }

 private:
  static constexpr std::uint64_t kPrime = 1099511628211ull;
  std::uint64_t hash_ = 1469598103934665603ull;  // the start every published digest used
};

}  // namespace ae::bench
