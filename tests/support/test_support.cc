#include "support/test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ae::test {

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
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

CommandResult run_ae(const std::string& arguments, const std::filesystem::path& home,
                     const std::string& stdin_text) {
  TempDir scratch;
  const auto in = scratch.path() / "stdin";
  const auto out = scratch.path() / "stdout";
  const auto err = scratch.path() / "stderr";
  std::ofstream(in, std::ios::binary) << stdin_text;
  const std::string command = "AE_HOME='" + home.string() + "' '" + AE_BINARY + "' " + arguments +
                              " <'" + in.string() + "' >'" + out.string() + "' 2>'" + err.string() +
                              "'";
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = slurp(out);
  result.err = slurp(err);
  return result;
}

std::filesystem::path source_path(const std::string& relative) {
  return std::filesystem::path(AE_SOURCE_DIR) / relative;
}

}  // namespace ae::test
