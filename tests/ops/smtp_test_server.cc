#include "smtp_test_server.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

#include "core/atomic_file.h"

namespace ae::ops::testing {

namespace {

constexpr const char* kPython = "/usr/bin/python3";

}  // namespace

SmtpTestServer::SmtpTestServer(const TestCa& ca, const SmtpServerOptions& options) {
  const auto script = test::source_path("tests/ops/smtp_test_server.py").string();
  std::vector<std::string> arguments = {kPython,   script,
                                        "--mode",  options.mode,
                                        "--cert",  ca.server_certificate().string(),
                                        "--key",   ca.server_key().string(),
                                        "--spool", spool_.path().string()};
  if (!options.user.empty())
    arguments.insert(arguments.end(), {"--user", options.user, "--password", options.password});
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("smtp test server: pipe failed");
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    ::execv(kPython, argv.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  std::string line;
  char c = 0;
  while (::read(pipe_fds[0], &c, 1) == 1 && c != '\n') line += c;
  ::close(pipe_fds[0]);
  if (line.empty() || line.find_first_not_of("0123456789") != std::string::npos) {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    throw std::runtime_error(
        "smtp test server did not start (is Debian's python3-aiosmtpd installed?): '" + line + "'");
  }
  port_ = std::stoi(line);
}

SmtpTestServer::~SmtpTestServer() {
  ::kill(pid_, SIGTERM);
  ::waitpid(pid_, nullptr, 0);
}

std::vector<nlohmann::json> SmtpTestServer::messages() const {
  std::vector<nlohmann::json> result;
  for (int index = 1;; ++index) {
    const auto path = spool_.path() / (std::to_string(index) + ".json");
    if (!std::filesystem::exists(path)) return result;
    result.push_back(nlohmann::json::parse(core::read_file(path)));
  }
}

}  // namespace ae::ops::testing
