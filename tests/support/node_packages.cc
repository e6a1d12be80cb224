#include "support/node_packages.h"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/file_lock.h"
#include "support/test_support.h"

namespace ae::test {
namespace {

namespace fs = std::filesystem;

const char* kSetUp = "run scripts/install-test-peers.sh <build dir> (make build and make test do)";

}  // namespace

NodePackagesLookup find_node_packages(const std::string& name, const std::string& source) {
  const fs::path tests = fs::path(AE_BINARY).parent_path() / "tests";
  const fs::path dir = tests / name;
  const fs::path node = tests / "node" / "bin" / "node";
  const fs::path sources = source_path(source);
  NodePackagesLookup lookup;
  if (!fs::exists(node)) {
    lookup.missing = "no node at " + node.string() + ": " + kSetUp;
    return lookup;
  }
  if (!fs::is_directory(dir / "node_modules")) {
    lookup.missing =
        "the npm packages of " + source + " are not installed in " + dir.string() + ": " + kSetUp;
    return lookup;
  }
  if (file_text(dir / ".installed-lock") != file_text(sources / "package-lock.json")) {
    lookup.missing =
        dir.string() + " was installed from another " + source + "/package-lock.json: " + kSetUp;
    return lookup;
  }
  const core::FileLock lock(dir / ".lock");
  for (const auto& entry : fs::directory_iterator(sources)) {
    const auto extension = entry.path().extension();
    const fs::path copy = dir / entry.path().filename();
    // Rewritten only when it changed: another test may be running it.
    if ((extension == ".mjs" || extension == ".cjs") && file_text(copy) != file_text(entry.path()))
      fs::copy_file(entry.path(), copy, fs::copy_options::overwrite_existing);
  }
  lookup.packages = NodePackages{dir, node};
  return lookup;
}

int run_node(const NodePackages& packages, const std::string& script, const std::string& arguments,
             const fs::path& in, const fs::path& out, const fs::path& err) {
  const std::string command = "cd '" + packages.dir.string() + "' && '" + packages.node.string() +
                              "' '" + script + "' " + arguments + " <'" + in.string() + "' >'" +
                              out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace ae::test
