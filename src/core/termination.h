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

namespace ae::core {

// Not a std::exception, on purpose: no handler of errors (a task adapter
// turning exceptions into task failures, a fallback on a failed agent) may
// swallow it; it unwinds to whoever records the interruption and to main.
class Terminated {
 public:
  explicit Terminated(int signal) : signal_(signal) {}
  int signal() const { return signal_; }
  // "SIGTERM", "SIGINT".
  std::string signal_name() const;
  // "interrupted by SIGTERM; the running task's processes were killed".
  std::string message() const;

 private:
  int signal_;
};

void install_termination_handlers();

// For run_process: the process group the handler kills (0: none); returns
// the previous one, to restore once the child has been waited for.
pid_t register_child_group(pid_t group);
// The signal that arrived while a group was registered (0: none);
// take_termination_signal also clears it, once it is being acted upon.
int termination_signal();
int take_termination_signal();

}  // namespace ae::core
