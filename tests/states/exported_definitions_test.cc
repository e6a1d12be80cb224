// "Export validated": `ae deploy export --aws` writes the three
// pipelines mapped for AWS, and the npm package asl-validator (pinned in
// tests/states/peers, run through npm_peers.h) accepts every one of them.
// Skipped, with the reason, only when the peers are not installed
// (scripts/install-test-peers.sh).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/atomic_file.h"
#include "states/npm_peers.h"
#include "support/test_support.h"

namespace ae::test {
namespace {

TEST(ExportedDefinitions, AslValidatorAcceptsEveryExportedDefinition) {
  TempDir home;
  const auto out = home.path() / "aws";
  const auto result =
      run_ae("deploy export --aws '" + out.string() + "' --account 111122223333 --region " +
                 "eu-west-1 --pipelines '" + source_path("pipelines").string() +
                 "' --sha 0123456789abcdef0123456789abcdef01234567",
             home.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;

  std::vector<std::string> files;
  for (const auto* name : {"weekday", "saturday", "eod"}) {
    const auto file = out / (std::string(name) + ".asl.json");
    ASSERT_TRUE(std::filesystem::exists(file)) << file;
    const auto text = core::read_file(file);
    EXPECT_EQ(text.find("000000000000"), std::string::npos) << name << ": placeholder account left";
    if (std::string(name) != "eod") {  // eod calls no Lambda
      EXPECT_NE(text.find("arn:aws:lambda:eu-west-1:111122223333:function:"), std::string::npos)
          << name << ": Lambda calls were not mapped";
    }
    files.push_back(file.string());
  }
  EXPECT_TRUE(std::filesystem::exists(out / "template.json"));

  const auto peers = find_npm_peers();
  if (!peers.packages) GTEST_SKIP() << "asl-validator check skipped: " << peers.missing;
  const auto records = run_peer_script(*peers.packages, "asl_validate.mjs", files);
  ASSERT_EQ(records.size(), files.size()) << "asl_validate.mjs did not answer for every file";
  for (const auto& record : records)
    EXPECT_TRUE(record.at("valid").get<bool>())
        << record.at("file") << ": " << record.at("errors").dump();
}

}  // namespace
}  // namespace ae::test
