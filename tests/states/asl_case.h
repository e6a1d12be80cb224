// Shared by the data-driven ASL runners (our corpus under tests/states/cases
// and the AWS-parity conformance data): runs one case folder
// (definition.json, input.json, expected.json) in process on a virtual clock
// and compares the outcome with expected.json, where placeholder tokens such
// as "<uuid:1>" match any value. The comparison is also used on its own for
// outcomes obtained another way.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace ae::test {

struct CaseVerdict {
  bool passed = false;
  std::string why;  // first difference, when failed
};

CaseVerdict run_asl_case(const std::filesystem::path& folder);

// What an execution of a case came to, however it was run (in process, or
// through the Step Functions API: sfn_api_boto3_test.cc). status "INVALID":
// the definition was refused.
struct CaseOutcome {
  std::string status;
  nlohmann::json output;
  nlohmann::json error;  // null when none
  nlohmann::json cause;
  nlohmann::json states_entered;  // an array of state names, or null when not known
};

// Compares an outcome with expected.json's (status; output, or error and
// cause; states_entered when both have it).
CaseVerdict judge_outcome(const nlohmann::json& expected, const CaseOutcome& outcome);

// Placeholder-aware comparison of an expected and an actual JSON value.
bool json_matches(const nlohmann::json& expected, const nlohmann::json& actual);

}  // namespace ae::test
