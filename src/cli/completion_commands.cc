// `ae completion bash|zsh`: prints the shell's completion script for ae,
// generated from this very command line's definition (cli/completion_tree.h,
// cli/completion_scripts.h). `make install` installs both (share/bash-completion/
// completions/ae, share/zsh/site-functions/_ae); by hand:
//   source <(ae completion bash)
// JSON: {"shell", "script"}.
#include <iostream>

#include "cli/command.h"
#include "cli/completion_scripts.h"

namespace ae::cli {

void add_completion_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto shell = std::make_shared<std::string>();
  auto* completion =
      app.add_subcommand("completion", "Print the bash or zsh completion script for ae");
  completion->add_option("shell", *shell, "bash or zsh")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh"}));
  dispatcher.bind(completion, [&app, shell](const Context& context) {
    const auto tree = completion_tree(app);
    const auto script =
        *shell == "bash" ? bash_completion_script(tree) : zsh_completion_script(tree);
    context.output.print({{"shell", *shell}, {"script", script}},
                         [&](std::ostream& out) { out << script; });
    return 0;
  });
}

}  // namespace ae::cli
