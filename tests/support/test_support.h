// Helpers shared by every test binary: scratch directories that clean up after
// themselves, running the `ae` binary and capturing its output, and the paths
// of the source tree's test data.
#pragma once

#include <filesystem>
#include <string>

namespace ae::test {

// A fresh empty directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `ae <arguments>` (arguments are passed through /bin/sh, quote them
// yourself) with AE_HOME=home and optional stdin text.
CommandResult run_ae(const std::string& arguments, const std::filesystem::path& home,
                     const std::string& stdin_text = "");

// The bytes of a file; "" when it does not exist or cannot be read.
std::string file_text(const std::filesystem::path& path);

// What `fd` has until EOF or a newline (not included), waiting up to
// `timeout_ms` for each byte: a child process's next line of output.
std::string read_line(int fd, int timeout_ms);

// As run_ae, as on a full disk: no file may grow past `max_file_size` bytes
// (RLIMIT_FSIZE, SIGXFSZ ignored, so a write past it fails with EFBIG).
// Keep it above what the command prints.
CommandResult run_ae_on_full_disk(const std::string& arguments, const std::filesystem::path& home,
                                  std::size_t max_file_size);

// <source tree>/<relative>, e.g. source_path("tests/data/x.csv").
std::filesystem::path source_path(const std::string& relative);

}  // namespace ae::test
