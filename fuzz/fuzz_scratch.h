// A fuzz target's scratch folder: made under $TMPDIR (`make fuzz` sets it to
// /dev/shm when it can) as <prefix>-XXXXXX when the target starts, removed
// with everything in it when the target exits.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "fuzz_check.h"

class FuzzScratch {
 public:
  explicit FuzzScratch(const std::string& prefix) {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    AE_FUZZ_CHECK(mkdtemp(pattern.data()) != nullptr);
    root_ = pattern;
  }
  ~FuzzScratch() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  FuzzScratch(const FuzzScratch&) = delete;
  FuzzScratch& operator=(const FuzzScratch&) = delete;
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};
