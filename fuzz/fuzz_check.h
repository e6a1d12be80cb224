// The fuzz targets' oracle beyond the sanitizers: AE_FUZZ_CHECK(condition)
// prints the condition and its place and aborts, which libFuzzer reports as a
// crash and saves the input. (assert would vanish in a build with NDEBUG.)
// An exception a target does not catch ends in std::terminate, reported the
// same way: each target catches only the typed errors its contract allows.
#pragma once

#include <cstdio>
#include <cstdlib>

#define AE_FUZZ_CHECK(condition)                                                         \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (false)
