#include "core/termination.h"

#include <signal.h>

#include <csignal>

namespace ae::core {
namespace {

volatile std::sig_atomic_t g_child_group = 0;
volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_termination_signal(int signal) {
  const pid_t group = static_cast<pid_t>(g_child_group);
  if (group > 0) {
    g_signal = signal;
    ::kill(-group, SIGKILL);
    return;
  }
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

}  // namespace

std::string Terminated::signal_name() const { return signal_ == SIGINT ? "SIGINT" : "SIGTERM"; }

std::string Terminated::message() const {
  return "interrupted by " + signal_name() + "; the running task's processes were killed";
}

void install_termination_handlers() {
  struct sigaction action {};
  action.sa_handler = on_termination_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a waiting poll(2) returns EINTR
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
}

pid_t register_child_group(pid_t group) {
  const pid_t previous = static_cast<pid_t>(g_child_group);
  g_child_group = group;
  return previous;
}

int termination_signal() { return static_cast<int>(g_signal); }

int take_termination_signal() {
  const int signal = static_cast<int>(g_signal);
  g_signal = 0;
  return signal;
}

}  // namespace ae::core
