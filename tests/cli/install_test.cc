// `make install`: `cmake --install` of this build into a scratch prefix (what
// the Makefile runs with PREFIX), then the installed tree alone:
// * every file of the source tree's pipelines/, schemas/, config/, web/ and
//   docs/ (and README.md) is installed unchanged where cmake/install.cmake
//   says; the completion scripts are what the installed ae generates; the
//   systemd unit names the installed binary with arguments that binary
//   accepts, and `systemd-analyze verify` accepts it with the credentials
//   drop-in (skipped, with the reason, without systemd-analyze);
// * the installed binary, run from an unrelated directory on a fresh home,
//   validates the installed definitions, deploys its own (no flags), and runs the weekday
//   pipeline on a market holiday with the deploy drift check on: so the
//   installed definitions are the ones compiled into it, and its command steps
//   run the installed ae.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "support/test_support.h"

namespace ae {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code;
  std::string out, err;
};

// `command` through /bin/sh in `directory`.
Outcome run_in(const fs::path& directory, const std::string& command) {
  test::TempDir scratch;
  const std::string line = "cd '" + directory.string() + "' && " + command + " >'" +
                           (scratch.path() / "out").string() + "' 2>'" +
                           (scratch.path() / "err").string() + "'";
  const int status = std::system(line.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, test::file_text(scratch.path() / "out"),
          test::file_text(scratch.path() / "err")};
}

// The files of the source folder `folder` whose names match `pattern`,
// relative to it (recursively).
std::set<std::string> source_files(const std::string& folder, const std::string& pattern) {
  std::set<std::string> files;
  const fs::path root = test::source_path(folder);
  const std::regex wanted(pattern);
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file() && std::regex_match(entry.path().filename().string(), wanted))
      files.insert(fs::relative(entry.path(), root).string());
  return files;
}

// One install per test process (ctest runs each test in its own).
struct Install {
  test::TempDir prefix;
  Outcome result;
  Install() {
    const fs::path build = fs::path(AE_BINARY).parent_path();
    result = run_in(build, std::string("'") + AE_CMAKE_COMMAND + "' --install '" + build.string() +
                               "' --prefix '" + prefix.path().string() + "'");
  }
  fs::path operator/(const std::string& relative) const { return prefix.path() / relative; }
};

const Install& installed() {
  static const Install install;
  return install;
}

class InstallTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(installed().result.exit_code, 0) << installed().result.err; }
  const Install& prefix = installed();
  test::TempDir home, elsewhere;  // a fresh AE_HOME; a working directory outside the source tree
  fs::path ae() const { return prefix / "bin/ae"; }
  // The installed ae with `arguments`, from `elsewhere`, on `home`.
  Outcome ae_in(const std::string& arguments) const {
    return run_in(elsewhere.path(),
                  "AE_HOME='" + home.path().string() + "' '" + ae().string() + "' " + arguments);
  }
};

TEST_F(InstallTest, InstallsTheDataDocsAndBinary) {
  EXPECT_EQ(fs::status(ae()).permissions() & fs::perms::owner_exec, fs::perms::owner_exec);
  const struct {
    std::string source, pattern, destination;
  } folders[] = {
      {"pipelines", R"(.*\.json)", "share/alpha-engine/pipelines"},
      {"schemas", R"(.*\.schema\.json)", "share/alpha-engine/schemas"},
      {"config", R"(.*\.yaml)", "share/alpha-engine/config"},
      {"web", R"(.*\.(html|css|js))", "share/alpha-engine/web"},
      {"docs", R"(.*)", "share/doc/alpha-engine"},
  };
  for (const auto& folder : folders) {
    const auto files = source_files(folder.source, folder.pattern);
    EXPECT_FALSE(files.empty()) << folder.source;
    for (const auto& file : files)
      EXPECT_EQ(test::file_text(prefix / (folder.destination + "/" + file)),
                test::file_text(test::source_path(folder.source + "/" + file)))
          << folder.destination << "/" << file;
  }
  EXPECT_EQ(test::file_text(prefix / "share/doc/alpha-engine/README.md"),
            test::file_text(test::source_path("README.md")));
  EXPECT_EQ(test::file_text(prefix / "share/alpha-engine/systemd/credentials.conf"),
            test::file_text(test::source_path("packaging/systemd/credentials.conf")));
}

TEST_F(InstallTest, CompletionsAreWhatTheInstalledBinaryGenerates) {
  for (const auto& [shell, file] : {std::pair{"bash", "share/bash-completion/completions/ae"},
                                    std::pair{"zsh", "share/zsh/site-functions/_ae"}}) {
    const auto generated = ae_in(std::string("completion ") + shell);
    ASSERT_EQ(generated.exit_code, 0) << generated.err;
    EXPECT_EQ(test::file_text(prefix / file), generated.out) << file;
  }
}

TEST_F(InstallTest, TheUnitRunsTheInstalledSchedule) {
  const std::string unit = test::file_text(prefix / "lib/systemd/system/alpha-engine.service");
  std::smatch exec;
  ASSERT_TRUE(std::regex_search(unit, exec, std::regex("\nExecStart=(\\S+) ([^\n]*)\n"))) << unit;
  EXPECT_EQ(exec[1].str(), ae().string());
  EXPECT_NE(exec[2].str().find("schedule"), std::string::npos) << exec[2];
  EXPECT_EQ(unit.find('@'), std::string::npos) << "a placeholder was left:\n" << unit;
  EXPECT_NE(unit.find("Documentation=file://" + (prefix / "share/doc/alpha-engine").string()),
            std::string::npos);
  // The arguments parse: the same command line with --help exits 0.
  const auto help = ae_in(exec[2].str() + " --help");
  EXPECT_EQ(help.exit_code, 0) << help.err;
}

TEST_F(InstallTest, SystemdAcceptsTheUnitWithTheCredentialsDropIn) {
  if (run_in(elsewhere.path(), "command -v systemd-analyze").exit_code != 0)
    GTEST_SKIP() << "systemd-analyze is not installed";
  // As an operator installs them: the unit, and the drop-in in <unit>.d/.
  const fs::path units = elsewhere.path() / "units";
  fs::create_directories(units / "alpha-engine.service.d");
  fs::copy_file(prefix / "lib/systemd/system/alpha-engine.service", units / "alpha-engine.service");
  fs::copy_file(prefix / "share/alpha-engine/systemd/credentials.conf",
                units / "alpha-engine.service.d/credentials.conf");
  const auto verify = run_in(elsewhere.path(), "systemd-analyze verify '" +
                                                   (units / "alpha-engine.service").string() + "'");
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_EQ(verify.err, "") << "systemd warns about the unit or the drop-in";
  const std::string drop_in = test::file_text(units / "alpha-engine.service.d/credentials.conf");
  EXPECT_NE(drop_in.find("\nEnvironmentFile=/etc/alpha-engine/credentials.env\n"),
            std::string::npos);
}

TEST_F(InstallTest, TheInstalledBinaryRunsAPipelineWithoutTheSourceTree) {
  const fs::path pipelines = prefix / "share/alpha-engine/pipelines";
  std::vector<fs::path> definitions;
  for (const char* name : {"weekday", "saturday", "eod"}) {
    definitions.push_back(pipelines / (std::string(name) + ".asl.json"));
    const auto valid = ae_in("sfn validate '" + definitions.back().string() + "'");
    EXPECT_EQ(valid.exit_code, 0) << name << ": " << valid.out << valid.err;
  }

  // The commit the binary was built from; a dirty tree's "-dirty" is not part
  // of a deployable sha (the drift check compares by prefix).
  const auto version = ae_in("--version");
  std::smatch sha;
  ASSERT_TRUE(std::regex_search(version.out, sha, std::regex(R"(\(git ([0-9a-f]{7,40}|unknown))")))
      << version.out;
  if (sha[1] == "unknown") GTEST_SKIP() << "built outside git: no sha to deploy";
  // Its compiled-in definitions, calling only the tasks it registers.
  const auto deploy = ae_in("deploy --sha " + sha[1].str());
  ASSERT_EQ(deploy.exit_code, 0) << deploy.out << deploy.err;

  // Good Friday: the holiday path, through the drift gate and a command step.
  const auto run = ae_in("run weekday --date 2026-04-03");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("DeployDriftGate"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("StopExecutorOnHoliday"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("SUCCEEDED"), std::string::npos) << run.out;
  EXPECT_TRUE(fs::is_empty(elsewhere.path())) << "ae wrote into its working directory";
}

}  // namespace
}  // namespace ae
