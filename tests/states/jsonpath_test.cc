// Unit tests of the building blocks: JSONPath parsing and evaluation, the
// StringMatches wildcard and ASL timestamps.
#include <gtest/gtest.h>

#include "core/error.h"
#include "states/parse/choice.h"
#include "states/parse/json_path.h"
#include "states/parse/timestamp.h"
#include "states/run/failure.h"

namespace ae::states {
namespace {

const Json kDoc =
    Json::parse(R"json({"store": {"book": [{"price": 8, "t": "a"}, {"price": 12, "t": "b"}],
                                  "bike": {"price": 20}}, "n": [1, 2, 3, 4]})json");

Json find(const std::string& path) {
  auto value = JsonPath::parse(path).find(kDoc);
  return value ? *value : Json("<missing>");
}

TEST(JsonPath, DefinitePathsSelectOneValue) {
  EXPECT_EQ(find("$.store.bike.price"), 20);
  EXPECT_EQ(find("$['store']['bike']"), Json({{"price", 20}}));
  EXPECT_EQ(find("$.n[-1]"), 4);
  EXPECT_TRUE(JsonPath::parse("$.a.b[0]").is_reference());
}

TEST(JsonPath, IndefinitePathsYieldArrays) {
  EXPECT_EQ(find("$.store.book[*].price"), Json({8, 12}));
  // Objects are visited in document order ("book" before "bike"), as AWS does.
  EXPECT_EQ(find("$..price"), Json({8, 12, 20}));
  EXPECT_EQ(find("$.n[1:3]"), Json({2, 3}));
  EXPECT_EQ(find("$.n[::-1]"), Json({4, 3, 2, 1}));
  EXPECT_EQ(find("$.store.book[?(@.price < 10)].t"), Json({"a"}));
  EXPECT_EQ(find("$.store.book[?(@.t != 'a')].price"), Json({12}));
  EXPECT_EQ(find("$.store.book[?(@.price > $.store.bike.price)]"), Json::array());
  EXPECT_FALSE(JsonPath::parse("$.n[*]").is_definite());
}

TEST(JsonPath, MissesAreExplainedAsJaywayDoes) {
  PathMiss miss;
  EXPECT_FALSE(JsonPath::parse("$.x").find(kDoc, &miss));
  EXPECT_EQ(miss.detail, "No results for path: $['x']");
  EXPECT_FALSE(JsonPath::parse("$.x.y").find(kDoc, &miss));
  EXPECT_EQ(miss.detail, "Missing property in path $['x']");
}

TEST(JsonPath, RootsAreDataContextOrVariable) {
  EXPECT_EQ(JsonPath::parse("$$.Execution.Id").root(), PathRoot::kContext);
  auto variable = JsonPath::parse("$counter.value");
  EXPECT_EQ(variable.root(), PathRoot::kVariable);
  EXPECT_EQ(variable.variable(), "counter");
}

TEST(JsonPath, WriteCreatesNestedObjectsAndRejectsNonObjects) {
  Json target = {{"a", 1}};
  JsonPath::parse("$.b.c").write(target, 2);
  EXPECT_EQ(target, Json::parse(R"json({"a": 1, "b": {"c": 2}})json"));
  EXPECT_THROW(JsonPath::parse("$.a.x").write(target, 3), StateFailure);
}

TEST(JsonPath, SyntaxErrorsAreInvalidInput) {
  for (const char* bad : {"a.b", "$.a[", "$[?(@.a ==)]", "$.a[1:2:0]", "$..", "$['x"}) {
    EXPECT_THROW(JsonPath::parse(bad), core::InvalidInput) << bad;
  }
}

TEST(JsonPath, AnIndexBeyondSixtyFourBitsIsASyntaxError) {
  // It escaped as std::out_of_range from std::stoll.
  EXPECT_THROW(JsonPath::parse("$.n[99999999999999999999]"), core::InvalidInput);
  EXPECT_THROW(JsonPath::parse("$.n[0:-99999999999999999999]"), core::InvalidInput);
  EXPECT_EQ(find("$.n[+1]"), 2);
}

TEST(JsonPath, ASliceStepPastSixtyFourBitsEndsTheSlice) {
  // The index overflowed (undefined behaviour) on its way past the end.
  EXPECT_EQ(find("$.n[1:4:9223372036854775807]"), Json({2}));
  EXPECT_EQ(find("$.n[3:0:-9223372036854775807]"), Json({4}));
}

TEST(JsonPath, ABadRegularExpressionIsASyntaxError) {
  // std::regex_error escaped when the filter was first evaluated.
  EXPECT_THROW(JsonPath::parse("$.store.book[?(@.t =~ /)]*n/)]"), core::InvalidInput);
  EXPECT_EQ(find("$.store.book[?(@.t =~ /[ab]/)].price"), Json({8, 12}));
  EXPECT_EQ(find("$.store.book[?(/b/ =~ @.t)].price"), Json({12}));
  EXPECT_EQ(find("$.store.book[?(@.price =~ @.t)]"), Json::array());  // no /regex/ side
}

TEST(StringMatches, WildcardsAndEscapes) {
  EXPECT_TRUE(string_matches("log-2024.txt", "log-*.txt"));
  EXPECT_TRUE(string_matches("anything", "*"));
  EXPECT_TRUE(string_matches("", "*"));
  EXPECT_FALSE(string_matches("log.csv", "log-*.txt"));
  EXPECT_TRUE(string_matches("a*b", "a\\*b"));
  EXPECT_FALSE(string_matches("axb", "a\\*b"));
  EXPECT_TRUE(string_matches("back\\slash", "back\\\\slash"));
}

TEST(Timestamp, StrictIso8601WithOffset) {
  EXPECT_TRUE(parse_asl_timestamp("2024-02-29T23:59:59.5+05:30"));
  EXPECT_EQ(parse_asl_timestamp("2024-01-01T02:00:00+02:00"),
            parse_asl_timestamp("2024-01-01T00:00:00Z"));
  for (const char* bad : {"2024-01-01T00:00:00", "2024-01-01 00:00:00Z", "2023-02-29T00:00:00Z",
                          "2024-01-01T24:00:00Z", "01-01-2024T00:00:00Z"}) {
    EXPECT_FALSE(parse_asl_timestamp(bad)) << bad;
  }
}

}  // namespace
}  // namespace ae::states
