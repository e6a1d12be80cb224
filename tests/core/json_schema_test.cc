#include "core/json_schema.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace ae::core {
namespace {

const JsonSchema& ticker_list_schema() {
  static const JsonSchema schema(nlohmann::json::parse(R"({
    "type": "object",
    "required": ["tickers"],
    "properties": {
      "tickers": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]{1,5}$"}},
      "a/b": {"type": "integer", "maximum": 3}
    }
  })"));
  return schema;
}

TEST(JsonSchema, AConformingDocumentHasNoProblems) {
  EXPECT_TRUE(ticker_list_schema().problems({{"tickers", {"AAPL", "MSFT"}}}).empty());
}

TEST(JsonSchema, EachProblemNamesItsJsonPointerAndTheRule) {
  const auto problems = ticker_list_schema().problems({{"tickers", {"AAPL", "msft"}}, {"a/b", 4}});
  ASSERT_FALSE(problems.empty());
  bool pattern = false, maximum = false;
  for (const auto& problem : problems) {
    if (problem.rfind("/tickers/1: ", 0) == 0) pattern = true;
    if (problem.rfind("/a~1b: ", 0) == 0) maximum = true;
  }
  EXPECT_TRUE(pattern) << ::testing::PrintToString(problems);
  EXPECT_TRUE(maximum) << ::testing::PrintToString(problems);
}

TEST(JsonSchema, AMissingRequiredMemberIsReportedAtTheRoot) {
  const auto problems = ticker_list_schema().problems(nlohmann::json::object());
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems.front().rfind("/: ", 0), 0u) << problems.front();
}

TEST(JsonSchema, OneCompiledSchemaChecksDocumentsFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &failures] {
      for (int i = 0; i < 200; ++i) {
        const bool good = ticker_list_schema().problems({{"tickers", {"AAPL"}}}).empty();
        const bool bad = !ticker_list_schema().problems({{"tickers", {"aapl"}}}).empty();
        if (!good || !bad) ++failures[static_cast<size_t>(t)];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace ae::core
