// Runs a shell command as a child process: `stdin_text` on its standard
// input, standard output and error captured, extra environment variables set,
// killed with its process group after `timeout` (measured on the monotonic
// clock). Used by the states layer's external task functions and local SSM
// command runner, and by research's judgment agents.
//
// The run ends when the command (bash) exits: what it wrote is collected,
// and a background child that keeps the output pipes open is not waited for
// (it is left running; its later output is lost). Standard output beyond
// `max_out_bytes` is read and discarded (`out_truncated`), so a runaway
// command cannot fill the memory. A SIGTERM or SIGINT meanwhile kills the
// process group and throws Terminated (core/termination.h).
#pragma once

#include <chrono>
#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <string>

namespace ae::core {

struct ProcessResult {
  int exit_code = -1;
  bool timed_out = false;
  bool out_truncated = false;
  std::string out;
  std::string err;
};

// Runs `bash -c command`. Throws core::IoError if the process cannot start.
ProcessResult run_process(const std::string& command, const std::string& stdin_text,
                          const std::map<std::string, std::string>& environment,
                          std::optional<std::chrono::milliseconds> timeout,
                          size_t max_out_bytes = std::numeric_limits<size_t>::max());

}  // namespace ae::core
