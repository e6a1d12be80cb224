// The depth and size limits on untrusted JSON (core/json_limits.h): parsing
// refuses a document nested too deep without recursing, and the measures of a
// value built in memory never recurse either.
#include "core/json_limits.h"

#include <gtest/gtest.h>

#include <string>

namespace ae::core {
namespace {

std::string nested_arrays(size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

TEST(JsonLimits, ParseAcceptsTheDocumentedDepth) {
  const auto value = parse_json(nested_arrays(kMaxJsonDepth));
  EXPECT_EQ(json_depth(value), kMaxJsonDepth);
}

TEST(JsonLimits, ParseRefusesOneLevelDeeperWithoutCrashing) {
  EXPECT_THROW(parse_json(nested_arrays(kMaxJsonDepth + 1)), JsonTooDeep);
  try {
    parse_json(nested_arrays(200000));  // far past any stack
    FAIL() << "a 200,000-deep document was accepted";
  } catch (const JsonTooDeep& e) {
    EXPECT_EQ(std::string(e.what()), "JSON nested deeper than 1000 levels");
  }
}

TEST(JsonLimits, BadSyntaxStillThrowsTheParserError) {
  EXPECT_THROW(parse_json("{\"a\": [1,"), nlohmann::json::parse_error);
}

TEST(JsonLimits, DepthOfAValueBuiltInMemoryIsMeasuredWithoutRecursion) {
  nlohmann::json deep = nlohmann::json::array();
  for (int i = 0; i < 100000; ++i) deep = nlohmann::json::array({std::move(deep)});
  EXPECT_GT(json_depth(deep), kMaxJsonDepth);
  EXPECT_EQ(json_depth(deep, 100000000), 100001u);
  EXPECT_EQ(json_depth(nlohmann::json(3)), 0u);
  EXPECT_EQ(json_depth(nlohmann::json::parse(R"({"a": [1, {"b": {}}]})")), 4u);
}

TEST(JsonLimits, SizeEstimateStopsOncePastTheBound) {
  const auto value = nlohmann::json::parse(R"({"key": ["text", 1, null]})");
  EXPECT_GE(json_size_estimate(value, 1000), value.dump().size());
  nlohmann::json wide = nlohmann::json::array();
  for (int i = 0; i < 100000; ++i) wide.push_back("0123456789");
  EXPECT_GT(json_size_estimate(wide, 1000), 1000u);
  EXPECT_LT(json_size_estimate(wide, 1000), 1000u + 100);
}

}  // namespace
}  // namespace ae::core
