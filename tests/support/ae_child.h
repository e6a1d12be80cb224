// `ae` as a child process of a test: the binary under test (AE_BINARY) run
// on a home, with extra environment variables, its stdout on a pipe the test
// reads (test::read_line). The owner stops it: SIGTERM, wait, close.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace ae::test {

struct AeChild {
  pid_t pid = -1;
  int out = -1;  // its stdout
};

// Starts `ae --log-level warn <arguments>` with AE_HOME=home and
// `environment`; throws std::runtime_error when no pipe can be made.
AeChild start_ae(const std::filesystem::path& home, const std::vector<std::string>& arguments,
                 const std::vector<std::pair<std::string, std::string>>& environment = {});

}  // namespace ae::test
