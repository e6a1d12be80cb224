// Shell completion scripts for `ae`, written from the command tree
// (cli/completion_tree.h), so they offer exactly what the CLI defines.
// Both scripts follow one rule: read the words before the cursor from the
// left, descend into a word that names a subcommand of the current command,
// skip the value after an option that takes one; then complete the value of
// such an option as a file name, a word starting with '-' as an option of the
// current command, and anything else as its subcommands (file names when it
// has none, for positionals).
//   bash: defines _ae and registers it with `complete -F _ae ae`; needs only
//         bash (bash-completion is not required). Install as
//         share/bash-completion/completions/ae.
//   zsh:  a #compdef ae function file (options and subcommands with their
//         descriptions through _describe). Install as
//         share/zsh/site-functions/_ae.
#pragma once

#include <string>
#include <vector>

#include "cli/completion_tree.h"

namespace ae::cli {

std::string bash_completion_script(const CompletionNode& root);
// "a b c": the words joined by single spaces (both scripts list words so).
inline std::string joined_words(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) out += (i > 0 ? " " : "") + words[i];
  return out;
}
std::string zsh_completion_script(const CompletionNode& root);

}  // namespace ae::cli
