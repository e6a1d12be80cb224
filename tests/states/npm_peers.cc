#include "states/npm_peers.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/test_support.h"

namespace ae::test {
namespace {

namespace fs = std::filesystem;

std::string tail(const std::string& text, size_t count) {
  return text.size() <= count ? text : "..." + text.substr(text.size() - count);
}

}  // namespace

NodePackagesLookup find_npm_peers() {
  return find_node_packages("states-peers", "tests/states/peers");
}

std::vector<nlohmann::json> run_peer_script(const NodePackages& peers, const std::string& script,
                                            const std::vector<std::string>& stdin_lines) {
  TempDir scratch;
  std::string input;
  for (const auto& line : stdin_lines) input += line + "\n";
  std::ofstream(scratch.path() / "stdin", std::ios::binary) << input;
  const fs::path out = scratch.path() / "stdout";
  const fs::path err = scratch.path() / "stderr";
  const int code = run_node(peers, script, "", scratch.path() / "stdin", out, err);
  if (code != 0)
    throw std::runtime_error("node " + script + " failed (exit " + std::to_string(code) +
                             "): " + tail(file_text(err), 2000));
  std::vector<nlohmann::json> records;
  std::istringstream lines(file_text(out));
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) records.push_back(nlohmann::json::parse(line));
  }
  return records;
}

nlohmann::json read_differences(const std::string& file_name) {
  return nlohmann::json::parse(file_text(source_path("tests/states/peers/" + file_name)));
}

}  // namespace ae::test
