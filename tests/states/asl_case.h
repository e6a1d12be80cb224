// Shared by the data-driven ASL runners (our corpus under tests/states/cases
// and the AWS-parity conformance data): runs one case folder
// (definition.json, input.json, expected.json) in process on a virtual clock
// and compares the outcome with expected.json, where placeholder tokens such
// as "<uuid:1>" match any value.
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

// Placeholder-aware comparison of an expected and an actual JSON value.
bool json_matches(const nlohmann::json& expected, const nlohmann::json& actual);

}  // namespace ae::test
