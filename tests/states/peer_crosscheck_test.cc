// Cross-checks against the npm peers (installed from
// tests/states/peers/package-lock.json into the build tree by
// scripts/install-test-peers.sh; skipped, with the reason, only when that
// install is missing):
// * asl-validator: its valid/invalid verdict on every definition of our
//   corpus, of pipelines/*.asl.json and (when present) of the AWS-parity data
//   must equal ours (validate_definition, what `ae sfn validate` runs);
// * aws-local-stepfunctions: the outcome of every corpus case it supports
//   must equal the case's expected outcome.
// Each disagreement must be listed, with the side that follows the
// specification and why, in tests/states/peers/*_differences.json (and in
// docs/states.md); an unlisted disagreement, or a listed one that no longer
// occurs, fails the test.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/atomic_file.h"
#include "states/asl_case.h"
#include "states/npm_peers.h"
#include "states/parse/parser.h"
#include "support/test_support.h"

namespace ae::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kParityRoot =
    fs::path(AE_SOURCE_DIR) / ".." / "shared" / "conformance" / "aws-parity" / "jsonpath";

std::vector<fs::path> sorted_children(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

bool our_verdict(const fs::path& file) {
  try {
    return states::validate_definition(states::Json::parse(core::read_file(file))).empty();
  } catch (const json::exception&) {
    return false;
  }
}

const char* verdict_name(bool valid) { return valid ? "valid" : "invalid"; }

// Reports listed differences that did not occur (the list must stay exact).
void expect_no_stale_entries(const json& listed, const std::set<std::string>& occurred,
                             const std::set<std::string>& checked, const std::string& file) {
  for (const auto& [key, entry] : listed.items()) {
    if (checked.contains(key) && !occurred.contains(key))
      ADD_FAILURE() << file << " lists " << key << " but the outcomes now agree; remove it";
    if (!checked.contains(key) && !key.starts_with("aws-parity/"))
      ADD_FAILURE() << file << " lists " << key << ", which was not checked (renamed?)";
  }
}

TEST(PeerCrossCheck, AslValidatorAgreesWithOurValidator) {
  const auto peers = find_npm_peers();
  if (!peers.packages) GTEST_SKIP() << "asl-validator cross-check skipped: " << peers.missing;

  std::map<std::string, fs::path> files;  // key used in the differences file -> path
  for (const auto& folder : sorted_children(source_path("tests/states/cases")))
    files["cases/" + folder.filename().string()] = folder / "definition.json";
  for (const auto& file : sorted_children(source_path("pipelines"))) {
    if (file.string().ends_with(".asl.json")) files["pipelines/" + file.filename().string()] = file;
  }
  const bool parity = fs::exists(kParityRoot);
  if (parity) {
    for (const auto& folder : sorted_children(kParityRoot))
      files["aws-parity/" + folder.filename().string()] = folder / "definition.json";
  }

  std::vector<std::string> paths;
  std::map<std::string, std::string> key_of_path;
  for (const auto& [key, path] : files) {
    paths.push_back(path.string());
    key_of_path[path.string()] = key;
  }
  const auto records = run_peer_script(*peers.packages, "asl_validate.mjs", paths);
  ASSERT_EQ(records.size(), files.size()) << "asl_validate.mjs did not answer for every file";

  const json listed = read_differences("asl_validator_differences.json");
  std::set<std::string> occurred, checked;
  for (const auto& record : records) {
    const std::string key = key_of_path.at(record.at("file").get<std::string>());
    checked.insert(key);
    const bool ours = our_verdict(files.at(key));
    const bool theirs = record.at("valid").get<bool>();
    if (ours == theirs) continue;
    occurred.insert(key);
    if (!listed.contains(key)) {
      ADD_FAILURE() << key << ": we say " << verdict_name(ours) << ", asl-validator says "
                    << verdict_name(theirs) << " (" << record.at("errors").dump()
                    << "); not listed in asl_validator_differences.json";
    } else if (listed[key].value("ours", "") != verdict_name(ours) ||
               listed[key].value("asl-validator", "") != verdict_name(theirs)) {
      ADD_FAILURE() << key << ": listed verdicts do not match (we say " << verdict_name(ours)
                    << ", asl-validator says " << verdict_name(theirs) << ")";
    }
  }
  expect_no_stale_entries(listed, occurred, checked, "asl_validator_differences.json");
  std::cout << "asl-validator: " << files.size() << " definitions"
            << (parity ? " (incl. AWS-parity)" : " (AWS-parity data absent)") << ", "
            << files.size() - occurred.size() << " agree, " << occurred.size()
            << " listed differences\n";
}

// Whether the peer's outcome record equals the case's expected outcome (as
// JSON values: asl_case.h's comparison, which takes ordered_json).
bool outcome_matches(const json& expected, const json& record, std::string& why) {
  const std::string want = expected.value("status", "");
  const std::string got = record.value("status", "");
  if (want != got) {
    why = "status " + got + ", expected " + want;
    return false;
  }
  if (got == "INVALID") return true;
  const auto matches = [&](const char* member) {
    return json_matches(nlohmann::ordered_json(expected.value(member, json())),
                        nlohmann::ordered_json(record.value(member, json())));
  };
  if (got == "SUCCEEDED") {
    if (matches("output")) return true;
    why = "output differs";
    return false;
  }
  if (matches("error") && matches("cause")) return true;
  why = "error/cause differ";
  return false;
}

TEST(PeerCrossCheck, AwsLocalStepFunctionsMatchesTheCorpusOrAListedDifference) {
  const auto peers = find_npm_peers();
  if (!peers.packages)
    GTEST_SKIP() << "aws-local-stepfunctions cross-check skipped: " << peers.missing;

  std::vector<std::string> folders;
  for (const auto& folder : sorted_children(source_path("tests/states/cases")))
    folders.push_back(folder.string());
  const auto records = run_peer_script(*peers.packages, "local_stepfunctions_run.mjs", folders);
  ASSERT_EQ(records.size(), folders.size())
      << "local_stepfunctions_run.mjs did not answer for every case";

  const json listed = read_differences("local_stepfunctions_differences.json");
  std::set<std::string> occurred, checked;
  int unsupported = 0;
  for (const auto& record : records) {
    const fs::path folder = record.at("case").get<std::string>();
    const std::string key = folder.filename().string();
    if (record.value("status", "") == "UNSUPPORTED") {
      ++unsupported;
      EXPECT_FALSE(listed.contains(key))
          << key << " is listed but the peer cannot run it (" << record.value("reason", "") << ")";
      continue;
    }
    checked.insert(key);
    const json expected = json::parse(core::read_file(folder / "expected.json"));
    std::string why;
    if (outcome_matches(expected, record, why)) continue;
    occurred.insert(key);
    if (!listed.contains(key)) {
      json shown = record;
      shown.erase("case");
      ADD_FAILURE() << key << ": aws-local-stepfunctions gives " << shown.dump().substr(0, 400)
                    << " (" << why << "); not listed in local_stepfunctions_differences.json";
    }
  }
  expect_no_stale_entries(listed, occurred, checked, "local_stepfunctions_differences.json");
  std::cout << "aws-local-stepfunctions: " << folders.size() << " cases, " << unsupported
            << " not supported by the peer, " << checked.size() - occurred.size() << " agree, "
            << occurred.size() << " listed differences\n";
}

}  // namespace
}  // namespace ae::test
