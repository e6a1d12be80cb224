// The access rules of web/security.h and the query limits of web/query.h.
#include "web/security.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "support/test_support.h"
#include "web/query.h"

namespace ae::web {
namespace {

TEST(Security, LoopbackAddresses) {
  for (const char* address : {"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"})
    EXPECT_TRUE(is_loopback_address(address)) << address;
  for (const char* address :
       {"0.0.0.0", "192.168.1.10", "::", "10.0.0.1", "127.0.0.1.evil.com", "example.com", ""})
    EXPECT_FALSE(is_loopback_address(address)) << address;
}

TEST(Security, ConstantTimeEqualsComparesWholeStrings) {
  EXPECT_TRUE(constant_time_equals("s3cret-token", "s3cret-token"));
  EXPECT_FALSE(constant_time_equals("s3cret-token", "s3cret-tokeN"));
  EXPECT_FALSE(constant_time_equals("s3cret-token", "s3cret"));
  EXPECT_FALSE(constant_time_equals("s3cret", "s3cret-token"));
  EXPECT_FALSE(constant_time_equals("", "x"));
  EXPECT_TRUE(constant_time_equals("", ""));
}

TEST(Security, TokenFromBearerHeaderOrQuery) {
  EXPECT_EQ(presented_token("Bearer abc", std::nullopt), "abc");
  EXPECT_EQ(presented_token("bearer   abc  ", std::nullopt), "abc");
  EXPECT_EQ(presented_token("Bearer abc", std::string("other")), "abc");
  EXPECT_EQ(presented_token("", std::string("q")), "q");
  EXPECT_EQ(presented_token("Basic dXNlcjpwYXNz", std::string("q")), "q");
  EXPECT_EQ(presented_token("", std::nullopt), std::nullopt);
}

TEST(Security, OnlyGetAndHeadAreAllowed) {
  EXPECT_TRUE(is_allowed_method("GET"));
  EXPECT_TRUE(is_allowed_method("HEAD"));
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "get"})
    EXPECT_FALSE(is_allowed_method(method)) << method;
}

TEST(Security, TraversalTable) {
  std::ifstream in(ae::test::source_path("tests/web/cases/traversal.json"));
  const auto table = nlohmann::json::parse(in);
  ASSERT_GT(table["cases"].size(), 10u);
  for (const auto& row : table["cases"]) {
    const std::string target = row["target"];
    EXPECT_EQ(is_traversal_attempt(target), row["traversal"].get<bool>()) << target;
  }
}

TEST(Query, IntegersAreBoundedNotClamped) {
  const QueryParams params{{"limit", "50"}, {"big", "5001"}, {"neg", "0"}, {"text", "5x"}};
  EXPECT_EQ(int_param(params, "limit", 10, kMaxRows), 50);
  EXPECT_EQ(int_param(params, "absent", 10, kMaxRows), 10);
  EXPECT_THROW(int_param(params, "big", 10, kMaxRows), core::InvalidInput);
  EXPECT_THROW(int_param(params, "neg", 10, kMaxRows), core::InvalidInput);
  EXPECT_THROW(int_param(params, "text", 10, kMaxRows), core::InvalidInput);
}

TEST(Query, DateRanges) {
  const auto range = range_param({{"from", "2026-04-01"}, {"to", "2026-04-30"}});
  EXPECT_TRUE(range.contains("2026-04-15"));
  EXPECT_FALSE(range.contains("2026-05-01"));
  EXPECT_FALSE(range.contains("not a date"));
  EXPECT_TRUE(range_param({}).contains("1999-01-01"));
  EXPECT_THROW(range_param({{"from", "2026-05-01"}, {"to", "2026-04-01"}}), core::InvalidInput);
  EXPECT_THROW(range_param({{"from", "2000-01-01"}, {"to", "2026-04-01"}}), core::InvalidInput);
  EXPECT_THROW(range_param({{"from", "2026-13-01"}}), core::InvalidInput);
}

TEST(Query, TickersAndNames) {
  EXPECT_EQ(checked_ticker("brk.b"), "BRK.B");
  EXPECT_THROW(checked_ticker("../x"), core::InvalidInput);
  EXPECT_THROW(checked_ticker(""), core::InvalidInput);
  EXPECT_THROW(checked_ticker("ABCDEFGHIJKLMN"), core::InvalidInput);
  EXPECT_EQ(checked_name("weekday-2026-04-27"), "weekday-2026-04-27");
  EXPECT_THROW(checked_name("a/b"), core::InvalidInput);
  EXPECT_THROW(checked_name("a b"), core::InvalidInput);
}

}  // namespace
}  // namespace ae::web
