// `--output json` on every command, the exit codes 0/1/2/3 and the AE_*
// variables of the global options, through the `ae` binary. The command list
// is read from the binary's own --help, so a new command without a case here
// fails CommandTableCoversEveryCommand.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/test_support.h"

namespace ae {
namespace {

using nlohmann::json;
using test::run_ae;

// The subcommand names listed under "Subcommands:" in a help text.
std::vector<std::string> subcommands_in(const std::string& help) {
  std::vector<std::string> names;
  std::istringstream lines(help);
  std::string line;
  bool inside = false;
  while (std::getline(lines, line)) {
    if (line == "Subcommands:") {
      inside = true;
      continue;
    }
    if (!inside) continue;
    if (line.rfind("  ", 0) != 0) break;
    std::istringstream words(line);
    std::string name;
    words >> name;
    names.push_back(name);
  }
  return names;
}

// Every runnable command path ("store ls", "deploy", ...), from --help.
std::set<std::string> commands_of_the_binary(const std::filesystem::path& home) {
  std::set<std::string> found;
  std::vector<std::string> pending = {""};
  while (!pending.empty()) {
    const auto path = pending.back();
    pending.pop_back();
    const auto help = run_ae(path + (path.empty() ? "" : " ") + "--help", home);
    EXPECT_EQ(help.exit_code, 0) << path;
    const auto children = subcommands_in(help.out);
    // A group whose usage line does not require a subcommand runs itself too.
    const bool runnable_group = help.out.find("[SUBCOMMAND]") != std::string::npos;
    if (!path.empty() && (children.empty() || runnable_group)) found.insert(path);
    for (const auto& child : children) pending.push_back(path.empty() ? child : path + " " + child);
  }
  return found;
}

struct Case {
  std::string command;    // the command path
  std::string arguments;  // after the command path
  int exit_code;
  std::string key;  // a key of the document; "" for an array, "error" for an error
};

// In order: later cases use what earlier ones made (a synthetic market of 20
// tickers ending 2025-06-06, executions "ok" and "bad", a stored object).
std::vector<Case> cases(const std::string& dir) {
  const std::string def = dir + "/pass.asl.json";
  const std::string bad_def = dir + "/fail.asl.json";
  return {
      {"data synth", "--tickers 20 --years 3 --seed 5 --end 2025-06-06", 0, "tickers"},
      {"data check", "--as-of 2025-06-06", 0, "rows"},
      {"data show", "SPY --from 2025-06-02 --to 2025-06-06", 0, "bars"},
      {"data close", "--date 2025-06-06", 0, "with_close"},
      {"data refresh", "--date 2025-06-06", 0, "closes"},
      {"data import", "--universe " + dir + "/missing.csv", 3, "error"},
      {"features", "SPY --from 2025-06-02", 0, "columns"},
      {"completion", "bash", 0, "script"},
      {"calendar check", "2025-12-25", 0, "marker"},
      {"calendar list", "--from 2025-12-22 --to 2025-12-26", 0, "days"},
      {"calendar next", "2025-12-24", 0, "date"},
      {"calendar last-closed", "--at 2025-12-26T22:00:00Z", 0, "date"},
      {"store put", "--raw notes/a.json " + dir + "/object.json", 0, "bytes"},
      {"store ls", "notes/", 0, "keys"},
      {"store get", "notes/a.json", 0, "object"},
      {"store rm", "notes/a.json", 0, "removed"},
      {"contracts list", "", 0, "contracts"},
      {"contracts show", "signals", 0, "$schema"},
      {"contracts validate", "signals " + dir + "/object.json", 1, "valid"},
      {"config show", "risk", 0, "parameters"},
      {"config check", "risk " + dir + "/risk.yaml", 1, "valid"},
      {"sfn validate", def, 0, "valid"},
      {"sfn graph", def, 0, "graph"},
      {"sfn run", def + " --clock virtual --name ok", 0, "output"},
      {"sfn run", bad_def + " --clock virtual --name bad", 1, "error"},
      {"sfn describe", "ok", 0, "status"},
      {"sfn history", "ok", 0, "events"},
      {"sfn list", "", 0, "executions"},
      {"sfn redrive", "bad --clock virtual", 1, "status"},
      {"sfn resume", "ok --clock virtual", 3, "error"},
      {"sfn stop", "ok", 3, "error"},
      {"sfn send-task-success", "no-such-token", 3, "error"},
      {"sfn send-task-failure", "no-such-token", 3, "error"},
      {"sfn send-task-heartbeat", "no-such-token", 3, "error"},
      {"research run", "--date 2025-06-06", 0, "buy_candidates"},
      {"research show", "", 0, "buy_candidates"},
      {"train", "--promote --force", 0, "version"},
      {"model list", "", 0, "versions"},
      {"model show", "", 0, "version"},
      {"model promote", "no-such-version", 3, "error"},
      {"model rollback", "", 3, "error"},
      {"predict", "--date 2025-06-06 --at 2025-06-07T00:00:00Z", 0, "n_predictions"},
      {"coverage", "--date 2025-06-06", 0, "has_gap"},
      {"plan", "--clock virtual --date 2025-06-09", 3, "error"},
      {"trade", "--clock virtual --date 2025-05-26", 0, "minutes"},
      {"eod", "--clock virtual --date 2025-06-06", 0, "portfolio_nav"},
      {"ledger trades", "", 0, ""},
      {"ledger eod", "", 0, ""},
      {"ledger shadow", "", 0, ""},
      {"metrics put", "Test Things 3 --at 2025-06-06T12:00:00Z", 0, "value"},
      {"metrics list", "", 0, "series"},
      {"metrics get",
       "Test Things --from 2025-06-06T00:00:00Z --to 2025-06-07T00:00:00Z --stat Sum", 0,
       "datapoints"},
      {"alarms list", "", 0, "alarms"},
      {"alarms evaluate", "--at 2025-06-06T12:00:00Z", 0, "transitions"},
      {"alarms history", "", 0, "transitions"},
      {"notify test", "alpha-engine-alerts", 0, "deliveries"},
      {"health", "--at 2025-06-06T12:00:00Z", 1, "modules"},
      {"deploy", "--pipelines " + dir + "/none", 3, "error"},
      {"deploy list", "", 0, "deployments"},
      {"deploy recover", "", 3, "error"},
      {"deploy export", "--aws " + dir + "/aws --pipelines " + dir + "/none", 3, "error"},
      {"drift", "--pipelines " + dir + "/none", 3, "error"},
      {"run weekday", "--clock virtual --date 2025-05-26 --skip-drift-check", 0, "states"},
      {"run eod", "--clock virtual --date 2025-05-26 --skip-drift-check", 1, "error"},
      {"run saturday", "--clock virtual --date 2025-06-07 --skip-drift-check --input '[]'", 3,
       "error"},
      {"simulate", "--from 2025-05-26 --to 2025-05-26", 0, "days"},
      {"schedule", "--clock virtual --at 2025-05-26T00:00:00Z --until 2025-05-26T01:00:00Z", 0,
       "runs"},
      {"backtest run", "--from 2025-06-02 --to 2025-06-06", 0, "status"},
      {"backtest sweep", "--from 2025-06-02 --to 2025-06-06 --trials 2", 0, "status"},
      {"backtest tune", "--from 2025-06-02 --to 2025-06-06 --trials 2 --freeze", 0, "status"},
      {"backtest report", "", 0, "markdown"},
  };
}

// Servers print their document once listening and run until a signal; their
// own tests read it (`ae serve` in tests/web, `ae exchange` in tests/exchange,
// `ae sfn serve` in tests/states/sfn_server_fixture.cc).
const std::set<std::string> kServers = {"serve", "exchange", "sfn serve"};

class OutputJson : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto dir = scratch.path();
    std::ofstream(dir / "pass.asl.json")
        << R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"x": 1}, "End": true}}})";
    std::ofstream(dir / "fail.asl.json")
        << R"({"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "No", "Cause": "no"}}})";
    std::ofstream(dir / "object.json") << R"({"hello": "world"})";
    std::ofstream(dir / "risk.yaml") << "max_position_pct: 2\n";
  }
  test::TempDir scratch;
  test::TempDir home;
};

TEST_F(OutputJson, CommandTableCoversEveryCommand) {
  std::set<std::string> covered(kServers);
  for (const auto& c : cases(scratch.path().string())) covered.insert(c.command);
  for (const auto& command : commands_of_the_binary(home.path()))
    EXPECT_TRUE(covered.contains(command)) << "no --output json case for `ae " << command << "`";
}

TEST_F(OutputJson, EveryCommandPrintsExactlyOneDocument) {
  for (const auto& c : cases(scratch.path().string())) {
    const auto line = "--output json " + c.command + " " + c.arguments;
    const auto result = run_ae(line, home.path());
    EXPECT_EQ(result.exit_code, c.exit_code) << line << "\n" << result.out << result.err;
    json document;
    EXPECT_NO_THROW(document = json::parse(result.out)) << line << ":\n" << result.out;
    if (result.exit_code != c.exit_code || document.is_null()) continue;
    if (c.key.empty()) {
      EXPECT_TRUE(document.is_array()) << line;
    } else {
      EXPECT_TRUE(document.contains(c.key)) << line << ":\n" << result.out;
    }
    if (c.exit_code >= 2) {
      EXPECT_EQ(document["exit_code"], c.exit_code) << line;
      EXPECT_FALSE(document["error"]["message"].get<std::string>().empty()) << line;
      EXPECT_NE(result.err.find("error: "), std::string::npos) << line;
    }
  }
}

TEST_F(OutputJson, UsageErrorsAreADocumentWithExitTwo) {
  for (const char* line : {"--output json store get", "--output json calendar list --from x",
                           "--output json --no-such-flag store ls", "--output json"}) {
    const auto result = run_ae(line, home.path());
    EXPECT_EQ(result.exit_code, 2) << line;
    const auto document = json::parse(result.out);
    EXPECT_EQ(document["error"]["kind"], "usage") << line;
    EXPECT_EQ(document["exit_code"], 2) << line;
  }
}

TEST_F(OutputJson, ErrorKindsNameTheFailure) {
  EXPECT_EQ(
      json::parse(run_ae("--output json store get nothing", home.path()).out)["error"]["kind"],
      "not_found");
  EXPECT_EQ(
      json::parse(
          run_ae("--output json calendar check 2025-13-01", home.path()).out)["error"]["kind"],
      "invalid_input");
}

TEST_F(OutputJson, TextModeKeepsItsFormats) {
  const auto check = run_ae("calendar check 2025-12-25", home.path());
  EXPECT_EQ(check.out, "MARKET_CLOSED\n");
  const auto usage = run_ae("store get", home.path());
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_EQ(usage.out, "");
}

TEST(GlobalOptions, EachReadsItsEnvironmentVariable) {
  test::TempDir home;
  // AE_OUTPUT, AE_LOG_LEVEL, AE_LOG_FORMAT and AE_PROFILE through the process
  // environment of `ae` (run_ae sets AE_HOME; the others are set here).
  ::setenv("AE_OUTPUT", "json", 1);
  ::setenv("AE_LOG_LEVEL", "debug", 1);
  ::setenv("AE_LOG_FORMAT", "json", 1);
  const auto result = run_ae("calendar check 2025-12-25", home.path());
  ::unsetenv("AE_OUTPUT");
  ::unsetenv("AE_LOG_LEVEL");
  ::unsetenv("AE_LOG_FORMAT");
  EXPECT_EQ(json::parse(result.out)["marker"], "MARKET_CLOSED");
  std::istringstream log(result.err);
  std::string first;
  std::getline(log, first);
  EXPECT_EQ(json::parse(first)["level"], "info") << result.err;

  ::setenv("AE_LOG_LEVEL", "error", 1);
  const auto quiet = run_ae("calendar check 2025-12-25", home.path());
  ::unsetenv("AE_LOG_LEVEL");
  EXPECT_EQ(quiet.err, "");

  ::setenv("AE_PROFILE", "nope", 1);
  const auto profile = run_ae("calendar check 2025-12-25", home.path());
  ::unsetenv("AE_PROFILE");
  EXPECT_EQ(profile.exit_code, 3);
  EXPECT_NE(profile.err.find("nope"), std::string::npos) << profile.err;

  // The command line wins over the variable.
  ::setenv("AE_OUTPUT", "json", 1);
  const auto text = run_ae("--output text calendar check 2025-12-25", home.path());
  ::unsetenv("AE_OUTPUT");
  EXPECT_EQ(text.out, "MARKET_CLOSED\n");
}

}  // namespace
}  // namespace ae
