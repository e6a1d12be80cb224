#include "core/heap_policy.h"

#include <malloc.h>

namespace ae::core {

void keep_freed_memory() {
  constexpr int kHeapBlockLimit = 32 << 20;  // glibc's largest mmap threshold on 64-bit
  constexpr int kKeptAtTop = 1 << 30;
  mallopt(M_MMAP_THRESHOLD, kHeapBlockLimit);
  mallopt(M_TRIM_THRESHOLD, kKeptAtTop);
}

}  // namespace ae::core
