// `ae completion bash|zsh`: each script is valid shell, and completing after
// every command the CLI defines offers exactly that command's subcommands and
// every one of its options, also after a global option and its value. The
// commands the test expects are read from the CLI itself (`ae ... --help`,
// CLI11's help, walked recursively), never from a copy. The zsh script runs
// with stand-ins for compsys's _describe and _files (they print what they are
// given); skipped, with the reason, when zsh is not installed.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "support/test_support.h"

namespace ae {
namespace {

namespace fs = std::filesystem;
using Words = std::set<std::string>;

struct HelpCommand {
  std::vector<std::string> path;  // e.g. {"data", "synth"}
  Words subcommands, options;
};

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

Words split(const std::string& text, char separator) {
  Words words;
  std::istringstream in(text);
  for (std::string word; std::getline(in, word, separator);)
    if (!word.empty()) words.insert(word);
  return words;
}

// The "Options:" and "Subcommands:" sections of CLI11's help: an entry is a
// line indented by exactly two spaces; its first word names it ("-h,--help").
HelpCommand parse_help(const std::vector<std::string>& path, const std::string& help) {
  HelpCommand command{path, {}, {}};
  std::string section;
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line[0] != ' ') {
      section = line;
      continue;
    }
    if (line.size() < 3 || line.compare(0, 2, "  ") != 0 || line[2] == ' ') continue;
    const std::string first = line.substr(2, line.find(' ', 2) - 2);
    if (section == "Subcommands:") command.subcommands.insert(first);
    if (section == "Options:")
      for (const auto& name : split(first, ',')) command.options.insert(name);
  }
  return command;
}

std::vector<HelpCommand> help_tree(const fs::path& home) {
  std::vector<HelpCommand> commands;
  std::vector<std::vector<std::string>> pending{{}};
  while (!pending.empty()) {
    const auto path = pending.back();
    pending.pop_back();
    const auto help = test::run_ae(joined(path) + " --help", home);
    EXPECT_EQ(help.exit_code, 0) << "ae " << joined(path) << " --help: " << help.err;
    commands.push_back(parse_help(path, help.out));
    for (const auto& sub : commands.back().subcommands) {
      auto child = path;
      child.push_back(sub);
      pending.push_back(child);
    }
  }
  return commands;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// What a completion answered: "S|<path>" (after the path, an empty word) and
// "O|<path>" (after the path, "-") -> the words offered.
using Answers = std::map<std::string, Words>;

// Runs `shell_program driver` and reads its "<kind>|<path>|<words>" lines.
Answers run_driver(const std::string& shell_program, const std::string& driver,
                   const fs::path& scratch) {
  std::ofstream(scratch / "driver") << driver;
  const int code =
      shell(shell_program + " '" + (scratch / "driver").string() + "' >'" +
            (scratch / "answers").string() + "' 2>'" + (scratch / "errors").string() + "'");
  EXPECT_EQ(code, 0) << slurp(scratch / "errors");
  Answers answers;
  std::istringstream lines(slurp(scratch / "answers"));
  for (std::string line; std::getline(lines, line);) {
    const auto bar = line.find('|', 2);
    if (bar == std::string::npos) continue;
    answers[line.substr(0, bar)] = split(line.substr(bar + 1), ' ');
  }
  return answers;
}

// The probes: per command, what follows it (its subcommands) and what
// follows it after "-" (its options).
std::string probes(const std::vector<HelpCommand>& commands) {
  std::string out;
  for (const auto& command : commands) {
    std::string words = "ae";
    for (const auto& word : command.path) words += " " + word;
    out += "probe S '" + joined(command.path) + "' " + words + " ''\n";
    out += "probe O '" + joined(command.path) + "' " + words + " -\n";
  }
  return out;
}

void expect_answers(const std::vector<HelpCommand>& commands, const Answers& answers,
                    const std::string& shell_name) {
  for (const auto& command : commands) {
    const std::string path = joined(command.path);
    const auto subcommands = answers.find("S|" + path);
    const auto options = answers.find("O|" + path);
    ASSERT_NE(subcommands, answers.end()) << shell_name << ": no answer after 'ae " << path << "'";
    ASSERT_NE(options, answers.end()) << shell_name << ": no answer after 'ae " << path << " -'";
    // A command without subcommands completes file names: only compare those with some.
    if (!command.subcommands.empty()) {
      EXPECT_EQ(subcommands->second, command.subcommands) << shell_name << ": ae " << path;
    }
    for (const auto& option : command.options)
      EXPECT_TRUE(options->second.count(option)) << shell_name << ": ae " << path << " " << option;
  }
}

const HelpCommand& command_at(const std::vector<HelpCommand>& commands,
                              const std::vector<std::string>& path) {
  for (const auto& command : commands)
    if (command.path == path) return command;
  throw std::runtime_error("no command 'ae " + joined(path) + "' in the help");
}

struct CompletionTest : ::testing::Test {
  test::TempDir home, scratch;
  const std::vector<HelpCommand>& commands() {
    static const std::vector<HelpCommand> tree = help_tree(home.path());
    return tree;
  }

  fs::path script(const std::string& shell_name) {
    const auto result = test::run_ae("completion " + shell_name, home.path());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    const fs::path file = scratch.path() / ("completion." + shell_name);
    std::ofstream(file) << result.out;
    return file;
  }
};

TEST_F(CompletionTest, TheHelpTreeIsTheWholeCli) {
  // The walk itself: it reached nested commands and the completion command.
  std::set<std::string> paths;
  for (const auto& command : commands()) paths.insert(joined(command.path));
  EXPECT_TRUE(paths.count("data synth"));
  EXPECT_TRUE(paths.count("completion"));
  EXPECT_GT(paths.size(), 50u);
  EXPECT_TRUE(command_at(commands(), {"data", "synth"}).options.count("--tickers"));
}

TEST_F(CompletionTest, BashScriptIsValidAndCompletesEveryCommand) {
  const fs::path file = script("bash");
  EXPECT_EQ(shell("bash -n '" + file.string() + "'"), 0);
  std::string driver = "source '" + file.string() + "'\n" + R"(
probe() {
  local kind=$1 path=$2
  shift 2
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _ae
  printf '%s|%s|%s\n' "$kind" "$path" "${COMPREPLY[*]}"
}
)" + probes(commands()) +
                       "probe V '' ae --home /tmp --log-level = warn data ''\n";
  const auto answers = run_driver("bash", driver, scratch.path());
  expect_answers(commands(), answers, "bash");
  EXPECT_EQ(answers.at("V|"), command_at(commands(), {"data"}).subcommands)
      << "a global option's value is not a command";
}

TEST_F(CompletionTest, ZshScriptIsValidAndCompletesEveryCommand) {
  if (shell("command -v zsh >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "zsh is not installed (scripts/install-deps.sh installs it)";
  const fs::path file = script("zsh");
  EXPECT_EQ(shell("zsh -n '" + file.string() + "'"), 0);
  std::string driver = R"(
_describe() { local name=${@[-1]}; local -a list; list=("${(@P)name}"); print -rn -- "${(j: :)${(@)list%%:*}}"; }
_files() { :; }
probe() {
  local kind=$1 path=$2
  shift 2
  words=("$@")
  CURRENT=${#words}
  PREFIX=${words[-1]}
  print -rn -- "$kind|$path|"
  source ')" + file.string() +
                       R"('
  print
}
)" + probes(commands()) +
                       "probe V '' ae --home /tmp --log-level warn data ''\n";
  const auto answers = run_driver("zsh", driver, scratch.path());
  expect_answers(commands(), answers, "zsh");
  EXPECT_EQ(answers.at("V|"), command_at(commands(), {"data"}).subcommands)
      << "a global option's value is not a command";
}

TEST_F(CompletionTest, UnknownShellIsAUsageError) {
  EXPECT_EQ(test::run_ae("completion fish", home.path()).exit_code, 2);
}

}  // namespace
}  // namespace ae
