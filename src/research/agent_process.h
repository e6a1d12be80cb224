// Runs an external judgment agent: `bash -c COMMAND` with the request JSON on
// standard input, standard output captured as the answer, killed (with its
// process group) after a timeout measured on the monotonic clock. The same
// mechanics as the states layer's task runner, kept here because stages may
// not depend on the states layer.
#pragma once

#include <chrono>
#include <string>

namespace ae::research {

struct AgentProcessResult {
  int exit_code = -1;
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Throws core::IoError if the process cannot be started.
AgentProcessResult run_agent_process(const std::string& command, const std::string& stdin_text,
                                     std::chrono::milliseconds timeout);

}  // namespace ae::research
