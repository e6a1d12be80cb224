// The Step Functions API of `ae sfn serve` driven by Debian's boto3:
//   - sfn_api/boto3_client.py against a loopback server without credentials
//     and a server bound to 0.0.0.0 with credentials (reached through
//     127.0.0.1): the lifecycle, task tokens, pagination over 250 executions,
//     express sync, AWS's errors, state machines and tags, SigV4 (good,
//     wrong, unknown, missing and expired signatures);
//   - every case of the AWS-parity corpus (../shared/conformance/aws-parity/
//     jsonpath) through the API (sfn_api/conformance_via_api.py), judged by
//     the comparison the in-process conformance test uses (asl_case.h); all
//     must pass.
// Fails (never skips) when boto3 or awscli is missing: scripts/install-deps.sh
// installs them. The corpus test reports itself skipped when the data is
// absent, as the in-process one does.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/atomic_file.h"
#include "states/asl_case.h"
#include "states/sfn_server_fixture.h"
#include "support/test_support.h"

namespace ae::test {
namespace {

using nlohmann::json;

std::string script(const std::string& name) {
  return source_path("tests/states/sfn_api/" + name).string();
}

std::string with_clients(const std::string& command) {
  return "env AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_DATA_PATH=" +
         newer_operations_model() + " " + kPython + " " + command;
}

TEST(SfnApiBoto3, ClientDrivesEveryAction) {
  const std::string missing = missing_clients();
  ASSERT_TRUE(missing.empty()) << missing;
  TempDir open_home, signed_home;
  SfnServer open(open_home.path(), {"--lambda", "noop=echo {}"});
  core::write_file_atomically(signed_home.path() / "credentials",
                              "[ae]\naws_access_key_id = AKIDSIGNED\n"
                              "aws_secret_access_key = s3cr3t/with+chars\n");
  SfnServer signed_server(signed_home.path(), {"--bind", "0.0.0.0", "--credentials",
                                               (signed_home.path() / "credentials").string()});
  const auto result = run_client(with_clients(
      script("boto3_client.py") + " --endpoint " + open.endpoint() + " --signed-endpoint " +
      signed_server.endpoint() + " --key AKIDSIGNED --secret 's3cr3t/with+chars'"));
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("7 passed, 0 failed"), std::string::npos) << result.out;
}

TEST(SfnApiBoto3, BindingBeyondLoopbackNeedsCredentials) {
  TempDir home;
  const auto result = run_ae("sfn serve --bind 0.0.0.0 --port 0", home.path());
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("needs credentials"), std::string::npos) << result.err;
}

TEST(SfnApiBoto3, AwsParityCasesPassThroughTheApi) {
  const auto root = std::filesystem::path(AE_SOURCE_DIR) / ".." / "shared" / "conformance" /
                    "aws-parity" / "jsonpath";
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "conformance data not found at " << root;
  const std::string missing = missing_clients();
  ASSERT_TRUE(missing.empty()) << missing;
  const auto options =
      run_client(with_clients(script("conformance_via_api.py") + " lambdas " + root.string()));
  ASSERT_EQ(options.exit_code, 0) << options.err;
  std::vector<std::string> flags = {"--clock", "virtual", "--workers", "8"};
  for (const auto& option : json::parse(options.out)) {
    flags.push_back("--lambda");
    flags.push_back(option.get<std::string>());
  }
  TempDir home;
  SfnServer server(home.path(), flags);
  const auto outcomes_file = home.path() / "outcomes.jsonl";
  const auto run = run_client(with_clients(script("conformance_via_api.py") + " run --endpoint " +
                                           server.endpoint() + " " + root.string() + " " +
                                           outcomes_file.string()));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  std::ifstream lines(outcomes_file);
  size_t passed = 0, total = 0;
  std::string failing;
  for (std::string line; std::getline(lines, line);) {
    const auto outcome = nlohmann::ordered_json::parse(line);
    const std::string name = outcome["case"];
    const auto expected =
        nlohmann::ordered_json::parse(core::read_file(root / name / "expected.json"));
    const auto verdict =
        judge_outcome(expected,
                      CaseOutcome{outcome["status"], outcome["output"], outcome["error"],
                                  outcome["cause"], outcome["states_entered"]},
                      ExpectedOrder::kRecordedByAws);
    ++total;
    if (verdict.passed) {
      ++passed;
    } else {
      failing += name + "\t" + verdict.why.substr(0, 400) + "\n";
    }
  }
  std::cout << "AWS parity (JSONPath) through the API with boto3: " << passed << " / " << total
            << " cases pass; " << run.out;
  EXPECT_EQ(total, 777u);
  EXPECT_EQ(passed, total) << failing;
}

}  // namespace
}  // namespace ae::test
