// End-to-end tests of the `ae` binary's global behaviour and the foundation's
// command groups (store, contracts): exit codes, one-line errors, --home,
// logging options, --version.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/test_support.h"

namespace ae {
namespace {

using test::run_ae;

TEST(Cli, VersionNamesTheGitSha) {
  test::TempDir home;
  auto result = run_ae("--version", home.path());
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.rfind("ae 0.1.0 (git ", 0), 0u) << result.out;
}

TEST(Cli, UsageErrorsExitTwo) {
  test::TempDir home;
  EXPECT_EQ(run_ae("", home.path()).exit_code, 2);
  EXPECT_EQ(run_ae("--no-such-flag store ls", home.path()).exit_code, 2);
  EXPECT_EQ(run_ae("store", home.path()).exit_code, 2);
  EXPECT_EQ(run_ae("store get", home.path()).exit_code, 2);
  EXPECT_EQ(run_ae("--log-format xml store ls", home.path()).exit_code, 2);
}

TEST(Cli, HelpWorksEverywhere) {
  test::TempDir home;
  for (const char* args :
       {"--help", "store --help", "store put --help", "contracts validate --help"}) {
    auto result = run_ae(args, home.path());
    EXPECT_EQ(result.exit_code, 0) << args;
    EXPECT_NE(result.out.find("Usage"), std::string::npos) << args;
  }
}

TEST(Cli, StoreRoundTripUnderHome) {
  test::TempDir home;
  EXPECT_EQ(run_ae("store put --raw health/executor.json -", home.path(), "{\"a\":1}").exit_code,
            0);
  EXPECT_TRUE(std::filesystem::exists(home.path() / "store/health/executor.json"));
  auto get = run_ae("store get health/executor.json", home.path());
  EXPECT_EQ(get.exit_code, 0);
  EXPECT_EQ(get.out, "{\"a\":1}");
  auto ls = run_ae("store ls health/", home.path());
  EXPECT_EQ(ls.out, "health/executor.json\n");
  EXPECT_EQ(run_ae("store rm health/executor.json", home.path()).exit_code, 0);
  auto again = run_ae("store rm health/executor.json", home.path());
  EXPECT_EQ(again.exit_code, 3);
  EXPECT_EQ(again.err, "error: no object 'health/executor.json' in the store\n");
}

TEST(Cli, HomeFlagOverridesEnvironment) {
  test::TempDir env_home;
  test::TempDir flag_home;
  run_ae("--home '" + flag_home.path().string() + "' store put a/b.json -", env_home.path(), "x");
  EXPECT_TRUE(std::filesystem::exists(flag_home.path() / "store/a/b.json"));
  EXPECT_FALSE(std::filesystem::exists(env_home.path() / "store/a/b.json"));
}

TEST(Cli, ErrorsAreOneClearLine) {
  test::TempDir home;
  auto bad_key = run_ae("store get ../etc/passwd", home.path());
  EXPECT_EQ(bad_key.exit_code, 3);
  EXPECT_EQ(bad_key.err,
            "error: invalid store key '../etc/passwd': contains a '.' or '..' segment\n");
  auto missing = run_ae("store get nothing/here.json", home.path());
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_EQ(missing.err, "error: no object 'nothing/here.json' in the store\n");
  auto level = run_ae("--log-level loud store ls", home.path());
  EXPECT_EQ(level.exit_code, 2);
  EXPECT_NE(level.err.find("unknown log level 'loud'"), std::string::npos);
}

TEST(Cli, JsonLogFormatWritesOneObjectPerLine) {
  test::TempDir home;
  auto result = run_ae("--log-level debug --log-format json store ls", home.path());
  ASSERT_EQ(result.exit_code, 0);
  std::istringstream lines(result.err);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    auto record = nlohmann::json::parse(line);
    EXPECT_EQ(record["level"], "debug");
    EXPECT_TRUE(record["ts_us"].is_number_integer());
    EXPECT_NE(record["msg"].get<std::string>().find("listing"), std::string::npos);
    ++count;
  }
  EXPECT_EQ(count, 1);
  EXPECT_TRUE(run_ae("store ls", home.path()).err.empty());  // info level: quiet
}

TEST(Cli, StorePutValidatesContractKeysAndKeepsTheGoodObject) {
  test::TempDir home;
  const auto example = test::source_path("docs/examples/incident-signals.json").string();
  ASSERT_EQ(run_ae("store put signals/latest.json '" + example + "'", home.path()).exit_code, 0);
  const auto good = run_ae("store get signals/latest.json", home.path()).out;
  for (const std::string& bytes :
       {std::string(""), good.substr(0, 100),
        std::string(R"({"date":"2026-04-20","market_regime":"caution"})")}) {
    auto put = run_ae("store put signals/latest.json -", home.path(), bytes);
    EXPECT_EQ(put.exit_code, 3) << bytes;
    EXPECT_TRUE(put.err.starts_with("error: ")) << put.err;
    EXPECT_NE(put.err.find("signals/latest.json"), std::string::npos) << put.err;
    EXPECT_EQ(run_ae("store get signals/latest.json", home.path()).out, good);
  }
  auto wrong_day =
      run_ae("store put signals/2026-04-21/signals.json '" + example + "'", home.path());
  EXPECT_EQ(wrong_day.exit_code, 3);
  EXPECT_NE(wrong_day.err.find("/date: 2026-04-20 differs from the key's date 2026-04-21"),
            std::string::npos)
      << wrong_day.err;
  EXPECT_EQ(run_ae("store ls signals/2026-04-21/", home.path()).out, "");
  EXPECT_EQ(run_ae("store put --raw signals/latest.json -", home.path(), "{}").exit_code, 0);
  EXPECT_EQ(run_ae("store get signals/latest.json", home.path()).out, "{}");
}

TEST(Cli, ContractsValidateRefusesADeeplyNestedFile) {
  test::TempDir home;
  const auto path = home.path() / "deep.json";
  std::ofstream(path) << std::string(20000, '[') << std::string(20000, ']');
  auto result = run_ae("contracts validate predictions '" + path.string() + "'", home.path());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out,
            "invalid: " + path.string() +
                " is not a predictions document: JSON nested deeper than 1000 levels\n");
}

TEST(Cli, ContractsValidateFilesAndStoreObjects) {
  test::TempDir home;
  const auto example = test::source_path("docs/examples/incident-signals.json").string();
  auto ok = run_ae("contracts validate signals '" + example + "'", home.path());
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("satisfies the signals contract"), std::string::npos);

  run_ae("store put --raw signals/latest.json -", home.path(),
         R"({"date":"2026-04-20","market_regime":"caution"})");
  auto bad = run_ae("contracts validate signals --key signals/latest.json", home.path());
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("invalid: signals/latest.json violates the signals contract"),
            std::string::npos)
      << bad.out;
  EXPECT_NE(bad.out.find("/market_regime: "), std::string::npos) << bad.out;

  auto unknown = run_ae("contracts show weather", home.path());
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_NE(unknown.err.find("unknown contract 'weather'"), std::string::npos);
  auto schema = run_ae("contracts show coverage_result", home.path());
  EXPECT_EQ(nlohmann::json::parse(schema.out)["title"], "coverage result");
}

}  // namespace
}  // namespace ae

namespace ae {
namespace {

TEST(Cli, ConfigShowReportsEachValueAndItsLayer) {
  test::TempDir home;
  std::filesystem::create_directories(home.path() / "config");
  std::ofstream(home.path() / "config/risk.yaml") << "max_position_pct: 0.04\n";
  test::run_ae("store put config/executor_params.json -", home.path(),
               R"({"atr_multiplier": 3.5})");
  auto show = test::run_ae("config show risk", home.path());
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("max_position_pct"), std::string::npos);
  EXPECT_NE(show.out.find((home.path() / "config/risk.yaml").string()), std::string::npos);
  EXPECT_NE(show.out.find("store:config/executor_params.json"), std::string::npos);
  EXPECT_NE(show.out.find("3.5"), std::string::npos);
}

TEST(Cli, ConfigCheckNamesTheBadKey) {
  test::TempDir home;
  const auto file = home.path() / "bad.yaml";
  std::ofstream(file) << "max_position_pct: 2\n";
  auto check = test::run_ae("config check risk '" + file.string() + "'", home.path());
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.out.find("'max_position_pct' = 2.0 is outside the allowed range [0.01, 0.25]"),
            std::string::npos)
      << check.out;
  EXPECT_EQ(test::run_ae("config show weather", home.path()).exit_code, 3);
}

TEST(Cli, ConfigKnowsEveryParameterSetTheSystemReads) {
  test::TempDir home;
  std::filesystem::create_directories(home.path() / "config");
  std::ofstream(home.path() / "config/fix.yaml") << "session:\n  port: 9999\n";
  for (const std::string set : {"executor", "fix", "predictor", "research", "risk"}) {
    const auto show = test::run_ae("config show " + set, home.path());
    EXPECT_EQ(show.exit_code, 0) << set << ": " << show.err;
  }
  const auto fix = test::run_ae("config show fix", home.path());
  EXPECT_NE(fix.out.find("session.port"), std::string::npos) << fix.out;
  EXPECT_NE(fix.out.find("9999"), std::string::npos) << fix.out;
  EXPECT_NE(fix.out.find((home.path() / "config/fix.yaml").string()), std::string::npos);
  EXPECT_NE(test::run_ae("config show predictor", home.path()).out.find("xgboost.max_depth"),
            std::string::npos);
  const auto unknown = test::run_ae("config show weather", home.path());
  EXPECT_NE(unknown.err.find("known: executor, fix, predictor, research, risk"), std::string::npos)
      << unknown.err;
}

TEST(Cli, ConfigCheckAppliesEachSetsOwnRules) {
  test::TempDir home;
  const auto broker = home.path() / "executor.yaml";
  std::ofstream(broker) << "broker: carrier-pigeon\n";
  const auto bad_broker =
      test::run_ae("config check executor '" + broker.string() + "'", home.path());
  EXPECT_EQ(bad_broker.exit_code, 1) << bad_broker.err;
  EXPECT_NE(bad_broker.out.find("is not paper or fix"), std::string::npos) << bad_broker.out;

  const auto fix = home.path() / "fix.yaml";
  std::ofstream(fix) << "session:\n  target_comp_id: \"\"\n";
  const auto empty_id = test::run_ae("config check fix '" + fix.string() + "'", home.path());
  EXPECT_EQ(empty_id.exit_code, 1) << empty_id.err;
  EXPECT_NE(empty_id.out.find("session.target_comp_id is empty"), std::string::npos)
      << empty_id.out;

  const auto port = home.path() / "port.yaml";
  std::ofstream(port) << "session:\n  port: 70000\n";
  EXPECT_EQ(test::run_ae("config check fix '" + port.string() + "'", home.path()).exit_code, 1);

  const auto good = home.path() / "good.yaml";
  std::ofstream(good) << "broker: fix\n";
  EXPECT_EQ(test::run_ae("config check executor '" + good.string() + "'", home.path()).exit_code,
            0);
}

}  // namespace
}  // namespace ae
