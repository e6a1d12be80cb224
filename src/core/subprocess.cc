#include "core/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/clock.h"
#include "core/error.h"

namespace ae::core {

ProcessResult run_process(const std::string& command, const std::string& stdin_text,
                          const std::map<std::string, std::string>& environment,
                          std::optional<std::chrono::milliseconds> timeout) {
  int in[2], out[2], err[2];
  if (pipe(in) != 0 || pipe(out) != 0 || pipe(err) != 0)
    throw core::IoError("cannot create pipes for '" + command + "': " + std::strerror(errno));
  pid_t pid = fork();
  if (pid < 0) throw core::IoError("cannot fork for '" + command + "': " + std::strerror(errno));
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
    setpgid(0, 0);
    for (const auto& [key, value] : environment) setenv(key.c_str(), value.c_str(), 1);
    execl("/bin/bash", "bash", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  signal(SIGPIPE, SIG_IGN);
  fcntl(in[1], F_SETFL, O_NONBLOCK);

  ProcessResult result;
  size_t written = 0;
  int stdin_fd = in[1];
  if (stdin_text.empty()) {
    close(stdin_fd);
    stdin_fd = -1;
  }
  const core::Stopwatch stopwatch;
  bool out_open = true, err_open = true;
  char buffer[65536];
  while (out_open || err_open) {
    pollfd fds[3];
    nfds_t count = 0;
    if (out_open) fds[count++] = {out[0], POLLIN, 0};
    if (err_open) fds[count++] = {err[0], POLLIN, 0};
    if (stdin_fd >= 0) fds[count++] = {stdin_fd, POLLOUT, 0};
    int wait_ms = 200;
    if (timeout) {
      auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(stopwatch.remaining(*timeout));
      if (left.count() <= 0) {
        kill(-pid, SIGKILL);
        result.timed_out = true;
        break;
      }
      wait_ms = static_cast<int>(std::min<long long>(left.count(), 200));
    }
    if (poll(fds, count, wait_ms) < 0 && errno != EINTR) break;
    for (nfds_t i = 0; i < count; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == stdin_fd) {
        ssize_t n = write(stdin_fd, stdin_text.data() + written, stdin_text.size() - written);
        if (n > 0) written += static_cast<size_t>(n);
        if (n < 0 || written == stdin_text.size()) {
          close(stdin_fd);
          stdin_fd = -1;
        }
        continue;
      }
      ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        (fds[i].fd == out[0] ? out_open : err_open) = false;
      } else {
        (fds[i].fd == out[0] ? result.out : result.err).append(buffer, static_cast<size_t>(n));
      }
    }
  }
  if (stdin_fd >= 0) close(stdin_fd);
  close(out[0]);
  close(err[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace ae::core
