// A small, fully specified random number generator for the simulated market,
// so that a seed gives identical bytes on every platform and standard library
// (std:: distributions are implementation-defined): xoshiro256** seeded through
// SplitMix64, Box-Muller normals and unit-variance Student-t draws.
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>

namespace ae::market::synth {

class Random {
 public:
  // Distinct (seed, stream) pairs give independent sequences.
  explicit Random(std::uint64_t seed, std::uint64_t stream = 0) {
    std::uint64_t x = seed ^ (0x9E3779B97F4A7C15ULL * (stream + 1));
    for (auto& word : state_) word = splitmix(x);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in (0, 1): never exactly 0 or 1.
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Integer in [0, n).
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>(uniform() * static_cast<double>(n));
  }
  bool chance(double p) { return uniform() < p; }

  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double r = std::sqrt(-2.0 * std::log(uniform()));
    const double theta = 2.0 * std::numbers::pi * uniform();
    spare_ = r * std::sin(theta);
    has_spare_ = true;
    return r * std::cos(theta);
  }

  // Student-t with `dof` (integer, >= 3) degrees of freedom, scaled to unit
  // variance: z / sqrt(chi2/dof) * sqrt((dof-2)/dof).
  double student_t(int dof) {
    const double z = normal();
    double chi2 = 0;
    for (int i = 0; i < dof; ++i) {
      const double n = normal();
      chi2 += n * n;
    }
    return z / std::sqrt(chi2 / dof) * std::sqrt((dof - 2.0) / dof);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  std::uint64_t state_[4];
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace ae::market::synth
