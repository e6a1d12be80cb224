// The process's heap policy, set once by each program's main before it
// starts a thread: freed memory stays with the process for reuse (up to
// 1 GiB at the top of the heap) instead of going back to the kernel, and
// blocks up to 32 MiB come from the heap rather than from mappings of their
// own. The feature matrices (half a MiB per symbol, 500 MB for a universe)
// are allocated and freed in waves (a predictor's chunks of symbols, a
// prediction a day); under glibc's default policy every wave faulted in
// fresh zeroed pages, a third of a day's prediction. The process keeps at
// most its own peak. Best effort: a C library without mallopt's options
// keeps its default.
#pragma once

namespace ae::core {

void keep_freed_memory();

}  // namespace ae::core
