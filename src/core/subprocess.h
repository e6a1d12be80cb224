// Runs a shell command as a child process: `stdin_text` on its standard
// input, standard output and error captured, extra environment variables set,
// killed with its process group after `timeout` (measured on the monotonic
// clock). Used by the states layer's external task functions and local SSM
// command runner, and by research's judgment agents.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace ae::core {

struct ProcessResult {
  int exit_code = -1;
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Runs `bash -c command`. Throws core::IoError if the process cannot start.
ProcessResult run_process(const std::string& command, const std::string& stdin_text,
                          const std::map<std::string, std::string>& environment,
                          std::optional<std::chrono::milliseconds> timeout);

}  // namespace ae::core
