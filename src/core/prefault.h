// Faulting in a fresh allocation's pages before it is filled. The kernel
// gives a process memory one page on the first touch of each 4 KiB; for a
// buffer of many pages about to be written in full (a feature matrix), one
// madvise(MADV_POPULATE_WRITE) maps them all in a single call, which costs
// less than a page fault per page and leaves them in the cache for the
// writes that follow. The contents are unchanged. Best effort: where the
// kernel lacks it (Linux before 5.14) the pages fault in as they are written.
#pragma once

#include <cstddef>

namespace ae::core {

void prefault_for_write(void* data, std::size_t bytes);

}  // namespace ae::core
