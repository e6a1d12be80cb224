// Our ASL corpus: one test per folder under tests/states/cases (definition,
// input, expected outcome; "INVALID" means the validator must reject it).
#include <gtest/gtest.h>

#include <algorithm>

#include "states/asl_case.h"
#include "support/test_support.h"

namespace ae::test {
namespace {

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(source_path("tests/states/cases")))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class AslCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(AslCorpus, MatchesExpectedOutcome) {
  CaseVerdict verdict =
      run_asl_case(source_path("tests/states/cases/" + GetParam()), ExpectedOrder::kNotRecorded);
  EXPECT_TRUE(verdict.passed) << verdict.why;
}

INSTANTIATE_TEST_SUITE_P(Cases, AslCorpus, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return param.param;
                         });

TEST(AslCorpusSize, HasAtLeast150Cases) { EXPECT_GE(case_names().size(), 150u); }

}  // namespace
}  // namespace ae::test
