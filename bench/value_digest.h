// A digest of doubles' bits, for a benchmark to show that an optimisation
// changed no value: FNV-1a's step over each value's 64 bits, in the order
// the values are added.
#pragma once

#include <fmt/format.h>

#include <bit>
#include <cstdint>
#include <string>

#include "core/fnv.h"

namespace ae::bench {

class ValueDigest {
 public:
  void add(double value) {
    hash_ = (hash_ ^ std::bit_cast<std::uint64_t>(value)) * core::Fnv1a::kPrime;
  }
  std::string hex() const { return fmt::format("{:016x}", hash_); }

 private:
  std::uint64_t hash_ = core::Fnv1a::kStart;  // the start every published digest used
};

}  // namespace ae::bench
