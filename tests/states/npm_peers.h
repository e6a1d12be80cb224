// The npm peers the States engine is cross-checked against (asl-validator,
// aws-local-stepfunctions), pinned in tests/states/peers/package.json and
// package-lock.json. install_npm_peers() runs `npm ci` into the build tree
// (<build>/tests/states-peers) once per lock-file content, under a file lock
// so parallel ctest processes share one install; it returns nullopt when npm
// or node is not on PATH (the caller skips), and throws when npm ci fails.
// run_peer_script() runs one of the .mjs scripts of tests/states/peers there
// in one node process, with the given lines on stdin, and returns its stdout
// lines parsed as JSON (it throws on a non-zero exit).
// read_differences() loads an expected-differences file of tests/states/peers.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ae::test {

std::optional<std::filesystem::path> install_npm_peers();

std::vector<nlohmann::json> run_peer_script(const std::filesystem::path& install_dir,
                                            const std::string& script,
                                            const std::vector<std::string>& stdin_lines);

nlohmann::json read_differences(const std::string& file_name);

}  // namespace ae::test
