#include "core/prefault.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <new>

namespace ae::core {
namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

}  // namespace

void prefault_for_write(void* data, std::size_t bytes) {
  if (bytes == 0) return;
  static const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  // madvise takes whole pages: from the page holding the first byte to the
  // one holding the last, all mapped since the buffer lies in them.
  const auto begin = reinterpret_cast<std::uintptr_t>(data) & ~(page - 1);
  const auto end = reinterpret_cast<std::uintptr_t>(data) + bytes;
  madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
}

std::shared_ptr<std::byte[]> map_for_write(std::size_t bytes) {
  if (bytes == 0) return nullptr;
  // Whole huge pages, so the block's last one can be a huge page too; the
  // mapping is over-sized by one more so that a 2 MiB boundary can start it.
  const std::size_t length = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* mapped =
      mmap(nullptr, length + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  const auto raw = reinterpret_cast<std::uintptr_t>(mapped);
  const auto aligned = (raw + kHugePage - 1) & ~(kHugePage - 1);
  // Hand the unused head and tail back at once.
  if (aligned > raw) munmap(mapped, aligned - raw);
  if (const auto tail = raw + length + kHugePage - (aligned + length); tail > 0)
    munmap(reinterpret_cast<void*>(aligned + length), tail);
  auto* block = reinterpret_cast<std::byte*>(aligned);
  madvise(block, length, MADV_HUGEPAGE);
  return {block, [length](std::byte* p) { munmap(p, length); }};
}

}  // namespace ae::core
