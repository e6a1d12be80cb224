// The npm packages some tests drive (the states engine's peers, the
// dashboard's browser driver). scripts/install-test-peers.sh installs them
// into the build tree before ctest (`make build` and `make test` run it); a
// test never runs npm. find_node_packages(name, source) looks for
// <build>/tests/<name>/node_modules installed from the current
// package-lock.json of the source folder `source` (e.g. "tests/states/peers")
// and for <build>/tests/node/bin/node, the node the script chose. When both
// are there it copies the source folder's scripts (*.mjs, *.cjs) beside
// node_modules (they resolve packages from their own location; under a file
// lock, as ctest runs tests in parallel) and returns the install; otherwise
// it returns why not, one line naming the set-up command, for GTEST_SKIP.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace ae::test {

struct NodePackages {
  std::filesystem::path dir;   // <build>/tests/<name>: node_modules and the scripts
  std::filesystem::path node;  // <build>/tests/node/bin/node
};

struct NodePackagesLookup {
  std::optional<NodePackages> packages;
  std::string missing;  // why packages is empty
};

NodePackagesLookup find_node_packages(const std::string& name, const std::string& source);

// Runs `node SCRIPT ARGUMENTS` in packages.dir (ARGUMENTS pass through /bin/sh:
// quote them yourself) with stdin, stdout and stderr redirected from/to the
// given files; returns the exit code.
int run_node(const NodePackages& packages, const std::string& script, const std::string& arguments,
             const std::filesystem::path& in, const std::filesystem::path& out,
             const std::filesystem::path& err);

}  // namespace ae::test
