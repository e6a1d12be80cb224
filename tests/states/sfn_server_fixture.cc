#include "states/sfn_server_fixture.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "support/ae_child.h"
#include "support/test_support.h"

namespace ae::test {

std::string missing_clients() {
  std::string missing;
  if (::access(kAwsCli, X_OK) != 0) missing += " awscli";
  const std::string probe = std::string(kPython) + " -c 'import boto3' 2>/dev/null";
  if (std::system(probe.c_str()) != 0) missing += " python3-boto3";
  if (missing.empty()) return "";
  return "Debian's" + missing +
         " not installed: scripts/install-deps.sh installs them (apt-get install -y" + missing +
         ")";
}

std::string newer_operations_model() {
  // Removed when the test process exits.
  static const TempDir folder;
  static const bool written = [] {
    const std::string command = std::string(kPython) + " " +
                                source_path("tests/states/sfn_api/newer_operations.py").string() +
                                " " + folder.path().string();
    if (std::system(command.c_str()) != 0) throw std::runtime_error("newer_operations.py failed");
    return true;
  }();
  return written ? folder.path().string() : "";
}

CommandResult run_client(const std::string& command_line) {
  TempDir scratch;
  const auto out = scratch.path() / "stdout";
  const auto err = scratch.path() / "stderr";
  const std::string command =
      command_line + " </dev/null >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  return CommandResult{WIFEXITED(status) ? WEXITSTATUS(status) : -1, file_text(out),
                       file_text(err)};
}

SfnServer::SfnServer(const std::filesystem::path& home, const std::vector<std::string>& flags,
                     const std::vector<std::pair<std::string, std::string>>& environment) {
  std::vector<std::string> arguments{"--output", "json", "sfn", "serve", "--port", "0"};
  arguments.insert(arguments.end(), flags.begin(), flags.end());
  const auto child = start_ae(home, arguments, environment);
  pid_ = child.pid;
  out_ = child.out;
  // The JSON document is indented: read up to its closing brace.
  std::string document;
  for (std::string line = read_line(out_, 60'000); !line.empty(); line = read_line(out_, 60'000)) {
    document += line;
    if (line == "}") break;
  }
  try {
    port_ = nlohmann::json::parse(document).at("port").get<int>();
  } catch (const std::exception&) {
    stop();
    throw std::runtime_error("ae sfn serve did not start: '" + document + "'");
  }
}

SfnServer::~SfnServer() { stop(); }

void SfnServer::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  ::close(out_);
  pid_ = -1;
}

}  // namespace ae::test
