#include "core/heap_policy.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstring>
#include <memory>
#include <vector>

namespace ae::core {
namespace {

long minor_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// 64 blocks of a feature matrix's size, each written in full, then freed.
void wave() {
  constexpr std::size_t kBlock = 600 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks;
  for (int i = 0; i < 64; ++i) {
    blocks.push_back(std::make_unique_for_overwrite<char[]>(kBlock));
    std::memset(blocks.back().get(), i, kBlock);
  }
}

// Under glibc's default policy each wave past the first faults in its
// 9,600 pages again (the freed top of the heap went back to the kernel).
TEST(HeapPolicy, AWaveOfLargeBlocksReusesTheMemoryTheLastOneFreed) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "the sanitizer's allocator keeps a policy of its own";
#endif
  keep_freed_memory();
  wave();
  wave();
  const long before = minor_faults();
  wave();
  EXPECT_LT(minor_faults() - before, 500);
}

}  // namespace
}  // namespace ae::core
