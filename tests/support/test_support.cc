#include "support/test_support.h"

#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace ae::test {

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string read_line(int fd, int timeout_ms) {
  std::string line;
  char c = 0;
  pollfd p{fd, POLLIN, 0};
  while (::poll(&p, 1, timeout_ms) > 0 && ::read(fd, &c, 1) == 1 && c != '\n') line += c;
  return line;
}

namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "ae-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

namespace {

// Runs `ae` as run_ae says; with `max_file_size`, in a child process whose
// RLIMIT_FSIZE is that (SIGXFSZ ignored).
CommandResult run(const std::string& arguments, const std::filesystem::path& home,
                  const std::string& stdin_text, std::optional<std::size_t> max_file_size) {
  TempDir scratch;
  const auto in = scratch.path() / "stdin";
  const auto out = scratch.path() / "stdout";
  const auto err = scratch.path() / "stderr";
  std::ofstream(in, std::ios::binary) << stdin_text;
  const std::string command = "AE_HOME='" + home.string() + "' '" + AE_BINARY + "' " + arguments +
                              " <'" + in.string() + "' >'" + out.string() + "' 2>'" + err.string() +
                              "'";
  int status = -1;
  if (!max_file_size) {
    status = std::system(command.c_str());
  } else {
    const pid_t child = ::fork();
    if (child < 0) throw std::runtime_error("fork failed");
    if (child == 0) {
      const rlimit limit{*max_file_size, *max_file_size};
      ::setrlimit(RLIMIT_FSIZE, &limit);
      ::signal(SIGXFSZ, SIG_IGN);
      ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::waitpid(child, &status, 0);
  }
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = slurp(out);
  result.err = slurp(err);
  return result;
}

}  // namespace

CommandResult run_ae(const std::string& arguments, const std::filesystem::path& home,
                     const std::string& stdin_text) {
  return run(arguments, home, stdin_text, std::nullopt);
}

CommandResult run_ae_on_full_disk(const std::string& arguments, const std::filesystem::path& home,
                                  std::size_t max_file_size) {
  return run(arguments, home, "", max_file_size);
}

std::filesystem::path source_path(const std::string& relative) {
  return std::filesystem::path(AE_SOURCE_DIR) / relative;
}

}  // namespace ae::test
