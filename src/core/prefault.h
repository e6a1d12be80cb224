// Memory for buffers about to be written in full. The kernel gives a process
// memory one page on the first touch of each 4 KiB, zeroing it; for a buffer
// of many pages (a feature matrix), one madvise(MADV_POPULATE_WRITE) maps
// them all in a single call, which costs less than a fault per page and
// leaves them in the cache for the writes that follow.
//
// prefault_for_write does that for an allocation already made; its contents
// are unchanged. Best effort: where the kernel lacks MADV_POPULATE_WRITE
// (Linux before 5.14) the pages fault in one by one as they are written.
//
// map_for_write maps a new block for many such buffers at once (the feature
// matrices of a whole universe) in transparent huge pages where the kernel
// allows them: 2 MiB each, a 512th of the faults and page-table work of
// 4 KiB pages. They fault in as they are first written, each cleared by the
// kernel just before, so it is still in the cache for the writes (populating
// all at once would clear the whole block first and push it out of the
// cache). The block is zeroed, and goes back to the kernel when its last
// owner lets go of it.
#pragma once

#include <cstddef>
#include <memory>

namespace ae::core {

void prefault_for_write(void* data, std::size_t bytes);

// A zeroed, populated block of `bytes` (none for 0); std::bad_alloc when the
// kernel refuses the mapping.
std::shared_ptr<std::byte[]> map_for_write(std::size_t bytes);

}  // namespace ae::core
