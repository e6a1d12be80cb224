// The command tree a shell completes, read from the CLI11 definition of `ae`
// itself (never a copy of it): every named subcommand, recursively, with its
// description and the options valid there. A subcommand that falls through to
// its parent (ae's root sets fallthrough, and subcommands inherit it) also
// accepts its ancestors' options, so they are listed on it too, once each.
// Positionals have no name to complete and are left out. Names must be plain
// words ([A-Za-z0-9_.-], options starting with '-'): anything else throws
// core::InvalidInput, so a generated script never has to quote a name.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace ae::cli {

struct CompletionOption {
  std::vector<std::string> names;  // e.g. {"-h", "--help"}
  bool takes_value = false;        // the next word is its value
  std::string description;
};

struct CompletionNode {
  std::string name;               // empty for the root
  std::vector<std::string> path;  // subcommand names from the root, e.g. {"data", "synth"}
  std::string description;
  std::vector<CompletionOption> options;
  std::vector<CompletionNode> subcommands;
};

CompletionNode completion_tree(const CLI::App& root);

// Every node of the tree, the root first, parents before children.
std::vector<const CompletionNode*> completion_nodes(const CompletionNode& root);

}  // namespace ae::cli
