#include "cli/completion_tree.h"

#include <algorithm>
#include <regex>
#include <set>

#include "core/error.h"

namespace ae::cli {
namespace {

void check_word(const std::string& word, const std::string& what) {
  static const std::regex plain("-{0,2}[A-Za-z0-9_][A-Za-z0-9_.-]*");
  if (!std::regex_match(word, plain))
    throw core::InvalidInput("cannot complete the " + what + " '" + word +
                             "': not a plain word ([A-Za-z0-9_.-])");
}

std::vector<CompletionOption> own_options(const CLI::App& app) {
  std::vector<CompletionOption> options;
  for (const CLI::Option* option :
       app.get_options([](const CLI::Option* candidate) { return candidate->nonpositional(); })) {
    CompletionOption entry;
    for (const auto& name : option->get_snames()) entry.names.push_back("-" + name);
    for (const auto& name : option->get_lnames()) entry.names.push_back("--" + name);
    for (const auto& name : entry.names) check_word(name, "option");
    entry.takes_value = option->get_items_expected_max() > 0;
    entry.description = option->get_description();
    options.push_back(std::move(entry));
  }
  return options;
}

// `inherited`: the options of the ancestors this command falls through to.
CompletionNode walk(const CLI::App& app, std::vector<std::string> path,
                    const std::vector<CompletionOption>& inherited) {
  CompletionNode node;
  node.name = path.empty() ? "" : path.back();
  node.path = path;
  node.description = app.get_description();
  node.options = own_options(app);
  std::set<std::string> seen;
  for (const auto& option : node.options) seen.insert(option.names.begin(), option.names.end());
  for (const auto& option : inherited) {
    const bool known = std::any_of(option.names.begin(), option.names.end(),
                                   [&](const std::string& name) { return seen.count(name) > 0; });
    if (!known) {
      node.options.push_back(option);
      seen.insert(option.names.begin(), option.names.end());
    }
  }
  for (const CLI::App* sub : app.get_subcommands(
           [](const CLI::App* candidate) { return !candidate->get_name().empty(); })) {
    check_word(sub->get_name(), "subcommand");
    auto child_path = path;
    child_path.push_back(sub->get_name());
    const std::vector<CompletionOption> none;
    node.subcommands.push_back(
        walk(*sub, child_path, sub->get_fallthrough() ? node.options : none));
  }
  return node;
}

void collect(const CompletionNode& node, std::vector<const CompletionNode*>& out) {
  out.push_back(&node);
  for (const auto& sub : node.subcommands) collect(sub, out);
}

}  // namespace

CompletionNode completion_tree(const CLI::App& root) { return walk(root, {}, {}); }

std::vector<const CompletionNode*> completion_nodes(const CompletionNode& root) {
  std::vector<const CompletionNode*> nodes;
  collect(root, nodes);
  return nodes;
}

}  // namespace ae::cli
