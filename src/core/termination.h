// SIGTERM and SIGINT while a child process runs. Once
// install_termination_handlers() has run (main does it for every command):
//   - while run_process waits for a child, the signal kills the child's
//     process group (SIGKILL) at once and run_process throws Terminated, so
//     the caller can record the interruption before the process exits (and a
//     later resume never runs a second copy beside a survivor);
//   - at any other moment the signal takes its default action: the process
//     ends as a crash would (durable state stays resumable).
// The handler only reads and writes sig_atomic_t flags and calls kill(2) and
// raise(3), which are async-signal-safe.
#pragma once

#include <sys/types.h>

#include <string>

#include "core/error.h"

namespace ae::core {

class Terminated : public Error {
 public:
  explicit Terminated(int signal);
  int signal() const { return signal_; }
  // "SIGTERM", "SIGINT".
  std::string signal_name() const;

 private:
  int signal_;
};

void install_termination_handlers();

// For run_process: the process group the handler kills (0: none), and the
// signal that arrived while one was registered (0: none). Returns the
// previous group, to restore once the child has been waited for.
pid_t register_child_group(pid_t group);
int termination_signal();

}  // namespace ae::core
