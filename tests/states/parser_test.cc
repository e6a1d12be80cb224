// The validator: every problem names the state's JSON pointer; verdicts on the
// definitions the project ships.
#include "states/parse/parser.h"

#include <gtest/gtest.h>

#include "core/atomic_file.h"
#include "support/test_support.h"

namespace ae::states {
namespace {

std::vector<std::string> problems(const char* text) {
  return validate_definition(Json::parse(text));
}

TEST(Validator, AcceptsAWellFormedMachine) {
  EXPECT_TRUE(problems(R"json({"StartAt": "A", "States": {
      "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "Next": "B",
            "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2, "JitterStrategy": "FULL"}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}]},
      "B": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "C"}],
            "Default": "F"},
      "C": {"Type": "Succeed"}, "F": {"Type": "Fail"}}})json")
                  .empty());
}

TEST(Validator, NamesTheStateAndPointer) {
  auto found = problems(R"json({"StartAt": "A", "States": {
      "A": {"Type": "Pass", "Next": "Missing"},
      "Lonely": {"Type": "Succeed"}}})json");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_NE(found[0].find("/States/A/Next"), std::string::npos) << found[0];
  EXPECT_NE(found[1].find("/States/Lonely: state 'Lonely' is not reachable"), std::string::npos)
      << found[1];
  auto bad = problems(R"json({"StartAt": "Bad", "States": {
      "Bad": {"Type": "Pass", "End": true, "InputPath": "$.["}}})json");
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_NE(bad[0].find("/States/Bad/InputPath"), std::string::npos) << bad[0];
}

TEST(Validator, ChecksIntrinsicNamesAndArity) {
  auto found = problems(R"json({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true,
      "Parameters": {"x.$": "States.ArrayRange(1, 2)"
}
}
}
})json");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("/States/A/Parameters/x.$"), std::string::npos) << found[0];
  EXPECT_NE(found[0].find("takes 3"), std::string::npos) << found[0];
}

TEST(Validator, RecursesIntoBranchesAndProcessors) {
  auto found = problems(R"json({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
      "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Wait", "End": true}}}}}})json");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("/States/M/ItemProcessor/States/X"), std::string::npos) << found[0];
}

TEST(Validator, ParseDefinitionThrowsAllProblems) {
  try {
    parse_definition_text("{\"StartAt\": 1}");
    FAIL() << "expected DefinitionError";
  } catch (const DefinitionError& e) {
    EXPECT_EQ(e.problems().size(), 2u);
  }
  EXPECT_THROW(parse_definition_text("{not json"), DefinitionError);
}

TEST(Validator, ProjectPipelinesAreValid) {
  const auto root = test::source_path("pipelines");
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "no pipelines/ folder yet";
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    if (entry.path().string().ends_with(".asl.json")) {
      auto found = validate_definition(Json::parse(core::read_file(entry.path())));
      EXPECT_TRUE(found.empty()) << entry.path() << ": " << (found.empty() ? "" : found[0]);
    }
  }
}

}  // namespace
}  // namespace ae::states
