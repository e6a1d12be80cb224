// The npm peers the States engine is cross-checked against (asl-validator,
// aws-local-stepfunctions), pinned in tests/states/peers/package.json and
// package-lock.json and installed into <build>/tests/states-peers by
// scripts/install-test-peers.sh (support/node_packages.h); the tests never
// run npm. find_npm_peers() finds that install or says why it is missing
// (the caller skips with that reason).
// run_peer_script() runs one of the .mjs scripts of tests/states/peers there
// in one node process, with the given lines on stdin, and returns its stdout
// lines parsed as JSON (it throws on a non-zero exit).
// read_differences() loads an expected-differences file of tests/states/peers.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/node_packages.h"

namespace ae::test {

NodePackagesLookup find_npm_peers();

std::vector<nlohmann::json> run_peer_script(const NodePackages& peers, const std::string& script,
                                            const std::vector<std::string>& stdin_lines);

nlohmann::json read_differences(const std::string& file_name);

}  // namespace ae::test
