// Shared by the data-driven ASL runners (our corpus under tests/states/cases
// and the AWS-parity conformance data): runs one case folder
// (definition.json, input.json, expected.json) in process on a virtual clock
// and compares the outcome with expected.json, where placeholder tokens such
// as "<uuid:1>" match any value. The comparison is also used on its own for
// outcomes obtained another way.
// Values are nlohmann::ordered_json, so that both sides keep the order of
// their text. Value equality ignores member order, as JSON's does; where
// expected.json was recorded from AWS (the AWS-parity corpus) it keeps the
// member order of AWS's output, and the output's objects must list their
// members in that order too. Our own corpus's expectations were written by
// hand and claim no order.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace ae::test {

struct CaseVerdict {
  bool passed = false;
  std::string why;  // first difference, when failed
};

// Whether expected.json's member order is AWS's (recorded) or arbitrary.
enum class ExpectedOrder { kNotRecorded, kRecordedByAws };

CaseVerdict run_asl_case(const std::filesystem::path& folder, ExpectedOrder order);

// What an execution of a case came to, however it was run (in process, or
// through the Step Functions API: sfn_api_boto3_test.cc). status "INVALID":
// the definition was refused.
struct CaseOutcome {
  std::string status;
  nlohmann::ordered_json output;
  nlohmann::ordered_json error;  // null when none
  nlohmann::ordered_json cause;
  nlohmann::ordered_json states_entered;  // an array of state names, or null when not known
};

// Compares an outcome with expected.json's (status; output, or error and
// cause; states_entered when both have it; with kRecordedByAws the member
// order of the output's objects).
CaseVerdict judge_outcome(const nlohmann::ordered_json& expected, const CaseOutcome& outcome,
                          ExpectedOrder order);

// Placeholder-aware comparison of an expected and an actual JSON value
// (objects compare as sets of members).
bool json_matches(const nlohmann::ordered_json& expected, const nlohmann::ordered_json& actual);

// Where an object of `actual` lists its members in another order than the
// object at the same place in `expected` (a JSON pointer and both orders), or
// "" when every object agrees. Compares only objects with the same member
// names, reached through objects and arrays of the same shape.
std::string member_order_difference(const nlohmann::ordered_json& expected,
                                    const nlohmann::ordered_json& actual);

}  // namespace ae::test
