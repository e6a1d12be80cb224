#include "core/prefault.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ae::core {
namespace {

TEST(MapForWrite, GivesAZeroedWritableBlockOnAHugePageBoundary) {
  const std::size_t bytes = (std::size_t{5} << 20) + 123;  // not a whole number of huge pages
  const auto block = map_for_write(bytes);
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(block.get()) % (std::size_t{2} << 20), 0u);
  EXPECT_TRUE(
      std::all_of(block.get(), block.get() + bytes, [](std::byte b) { return b == std::byte{0}; }));
  std::fill(block.get(), block.get() + bytes, std::byte{0x5a});
  EXPECT_EQ(block[bytes - 1], std::byte{0x5a});
}

TEST(MapForWrite, SharesTheBlockUntilItsLastOwnerLetsGo) {
  auto block = map_for_write(4096);
  std::shared_ptr<double[]> slice(block, reinterpret_cast<double*>(block.get()) + 8);
  block.reset();
  slice[0] = 1.5;  // still mapped: the slice owns it
  EXPECT_EQ(slice[0], 1.5);
  EXPECT_EQ(map_for_write(0), nullptr);
}

TEST(PrefaultForWrite, LeavesTheContentsAlone) {
  std::vector<double> values(100000, 2.5);
  prefault_for_write(values.data() + 3, (values.size() - 3) * sizeof(double));
  EXPECT_TRUE(std::all_of(values.begin(), values.end(), [](double v) { return v == 2.5; }));
}

}  // namespace
}  // namespace ae::core
