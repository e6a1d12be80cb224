#include "states/npm_peers.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/file_lock.h"
#include "support/test_support.h"

namespace ae::test {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void spit(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool on_path(const std::string& program) {
  return shell("command -v " + program + " >/dev/null 2>&1") == 0;
}

std::string tail(const std::string& text, size_t count) {
  return text.size() <= count ? text : "..." + text.substr(text.size() - count);
}

}  // namespace

std::optional<fs::path> install_npm_peers() {
  if (!on_path("npm") || !on_path("node")) return std::nullopt;
  const fs::path dir = fs::path(AE_BINARY).parent_path() / "tests" / "states-peers";
  fs::create_directories(dir);
  const ae::core::FileLock lock(dir / ".lock");
  const fs::path sources = source_path("tests/states/peers");
  const std::string lock_file = slurp(sources / "package-lock.json");
  const fs::path stamp = dir / ".installed-lock";
  if (!fs::exists(dir / "node_modules") || slurp(stamp) != lock_file) {
    fs::copy_file(sources / "package.json", dir / "package.json",
                  fs::copy_options::overwrite_existing);
    fs::copy_file(sources / "package-lock.json", dir / "package-lock.json",
                  fs::copy_options::overwrite_existing);
    const fs::path log = dir / "npm-ci.log";
    const int code =
        shell("cd '" + dir.string() + "' && npm ci --no-audit --no-fund --loglevel=error >'" +
              log.string() + "' 2>&1");
    if (code != 0)
      throw std::runtime_error("npm ci in " + dir.string() + " failed (exit " +
                               std::to_string(code) + "): " + tail(slurp(log), 2000));
    spit(stamp, lock_file);
  }
  // The scripts resolve packages relative to their own location, so they run
  // from the install directory; refreshed on every call (they are small).
  for (const auto& entry : fs::directory_iterator(sources)) {
    const auto extension = entry.path().extension();
    if (extension == ".mjs" || extension == ".cjs")
      fs::copy_file(entry.path(), dir / entry.path().filename(),
                    fs::copy_options::overwrite_existing);
  }
  return dir;
}

std::vector<nlohmann::json> run_peer_script(const fs::path& install_dir, const std::string& script,
                                            const std::vector<std::string>& stdin_lines) {
  TempDir scratch;
  std::string input;
  for (const auto& line : stdin_lines) input += line + "\n";
  spit(scratch.path() / "stdin", input);
  const fs::path out = scratch.path() / "stdout";
  const fs::path err = scratch.path() / "stderr";
  const int code = shell("cd '" + install_dir.string() + "' && node '" + script + "' <'" +
                         (scratch.path() / "stdin").string() + "' >'" + out.string() + "' 2>'" +
                         err.string() + "'");
  if (code != 0)
    throw std::runtime_error("node " + script + " failed (exit " + std::to_string(code) +
                             "): " + tail(slurp(err), 2000));
  std::vector<nlohmann::json> records;
  std::istringstream lines(slurp(out));
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) records.push_back(nlohmann::json::parse(line));
  }
  return records;
}

nlohmann::json read_differences(const std::string& file_name) {
  return nlohmann::json::parse(slurp(source_path("tests/states/peers/" + file_name)));
}

}  // namespace ae::test
