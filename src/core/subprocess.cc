#include "core/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/termination.h"

namespace ae::core {
namespace {

// Standard error is kept up to this size (it only ever feeds messages).
constexpr size_t kMaxErrBytes = 1 << 20;

// One read of the non-blocking `fd` into `sink`, keeping at most `cap`
// bytes there (the rest is discarded and `truncated` set). Returns read(2)'s
// result: > 0 bytes read, 0 at end of file, < 0 with errno.
ssize_t read_some(int fd, std::string& sink, size_t cap, bool& truncated) {
  char buffer[65536];
  const ssize_t n = read(fd, buffer, sizeof buffer);
  if (n <= 0) return n;
  const size_t room = cap > sink.size() ? cap - sink.size() : 0;
  const size_t kept = std::min(room, static_cast<size_t>(n));
  sink.append(buffer, kept);
  if (kept < static_cast<size_t>(n)) truncated = true;
  return n;
}

// After a read: whether the pipe may still deliver data.
bool still_open(ssize_t n) { return n > 0 || (n < 0 && (errno == EAGAIN || errno == EINTR)); }

// This process's environment with `extra` set over it, as NAME=value texts.
// Built before the fork: the child of a process with other threads may call
// only async-signal-safe functions until it execs (setenv allocates).
std::vector<std::string> child_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> out;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const size_t equals = text.find('=');
    if (equals != std::string_view::npos && extra.contains(std::string(text.substr(0, equals))))
      continue;
    out.emplace_back(text);
  }
  for (const auto& [name, value] : extra) out.push_back(name + "=" + value);
  return out;
}

// What an exited command left in a pipe: at most 64 reads (4 MiB), as a
// background child may go on writing.
void drain(int fd, std::string& sink, size_t cap, bool& truncated) {
  for (int i = 0; i < 64 && read_some(fd, sink, cap, truncated) > 0; ++i) {
  }
}

}  // namespace

ProcessResult run_process(const std::string& command, const std::string& stdin_text,
                          const std::map<std::string, std::string>& environment,
                          std::optional<std::chrono::milliseconds> timeout, size_t max_out_bytes) {
  // Close-on-exec, so that a command another thread starts meanwhile does not
  // inherit them (and hold this command's output open); dup2 clears the flag
  // on the child's own 0, 1 and 2.
  int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1};
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    const int error = errno;
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]})
      if (fd >= 0) close(fd);
    throw core::IoError("cannot create pipes for '" + command + "': " + std::strerror(error));
  }
  const std::vector<std::string> environment_texts = child_environment(environment);
  std::vector<char*> envp;
  for (const auto& text : environment_texts) envp.push_back(const_cast<char*>(text.c_str()));
  envp.push_back(nullptr);
  char* argv[] = {const_cast<char*>("bash"), const_cast<char*>("-c"),
                  const_cast<char*>(command.c_str()), nullptr};
  // SIGTERM / SIGINT wait until the child is registered: none may end this
  // process between the fork and the registration, leaving the child behind.
  sigset_t termination, previous_mask;
  sigemptyset(&termination);
  sigaddset(&termination, SIGTERM);
  sigaddset(&termination, SIGINT);
  pthread_sigmask(SIG_BLOCK, &termination, &previous_mask);
  pid_t pid = fork();
  if (pid < 0) {
    const int error = errno;
    pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
    throw core::IoError("cannot fork for '" + command + "': " + std::strerror(error));
  }
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
    setpgid(0, 0);
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);
    execve("/bin/bash", argv, envp.data());
    _exit(127);
  }
  setpgid(pid, pid);  // also here, so that the group exists before any kill
  const pid_t outer_group = register_child_group(pid);
  pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);
  close(in[0]);
  close(out[1]);
  close(err[1]);
  signal(SIGPIPE, SIG_IGN);
  fcntl(in[1], F_SETFL, O_NONBLOCK);
  fcntl(out[0], F_SETFL, O_NONBLOCK);
  fcntl(err[0], F_SETFL, O_NONBLOCK);

  ProcessResult result;
  size_t written = 0;
  int stdin_fd = in[1];
  if (stdin_text.empty()) {
    close(stdin_fd);
    stdin_fd = -1;
  }
  bool err_truncated = false;
  const core::Stopwatch stopwatch;
  bool out_open = true, err_open = true, exited = false;
  int status = 0;
  while (!exited && termination_signal() == 0) {
    pollfd fds[3];
    nfds_t count = 0;
    if (out_open) fds[count++] = {out[0], POLLIN, 0};
    if (err_open) fds[count++] = {err[0], POLLIN, 0};
    if (stdin_fd >= 0) fds[count++] = {stdin_fd, POLLOUT, 0};
    // Once the pipes are closed only the exit is awaited: poll briefly.
    int wait_ms = count > 0 ? 50 : 5;
    if (timeout) {
      auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(stopwatch.remaining(*timeout));
      if (left.count() <= 0) {
        kill(-pid, SIGKILL);
        result.timed_out = true;
        break;
      }
      wait_ms = static_cast<int>(std::min<long long>(left.count(), wait_ms));
    }
    if (poll(fds, count, wait_ms) < 0 && errno != EINTR) break;
    for (nfds_t i = 0; i < count; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == stdin_fd) {
        ssize_t n = write(stdin_fd, stdin_text.data() + written, stdin_text.size() - written);
        if (n > 0) written += static_cast<size_t>(n);
        if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == stdin_text.size()) {
          close(stdin_fd);
          stdin_fd = -1;
        }
      } else if (fds[i].fd == out[0]) {
        out_open = still_open(read_some(out[0], result.out, max_out_bytes, result.out_truncated));
      } else {
        err_open = still_open(read_some(err[0], result.err, kMaxErrBytes, err_truncated));
      }
    }
    exited = waitpid(pid, &status, WNOHANG) == pid;
  }
  if (exited) {
    // What the command wrote before it exited is in the pipes: collect it,
    // without waiting for a background child that holds them open.
    if (out_open) drain(out[0], result.out, max_out_bytes, result.out_truncated);
    if (err_open) drain(err[0], result.err, kMaxErrBytes, err_truncated);
  }
  if (stdin_fd >= 0) close(stdin_fd);
  close(out[0]);
  close(err[0]);
  if (!exited) {
    if (!result.timed_out) kill(-pid, SIGKILL);  // terminated, or poll failed
    waitpid(pid, &status, 0);
  }
  register_child_group(outer_group);
  if (const int signal = take_termination_signal(); signal != 0) throw Terminated(signal);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace ae::core
