#include "core/text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace ae::core {
namespace {

TEST(Text, ToValidUtf8KeepsWellFormedText) {
  const std::string text = "plain, caf\xC3\xA9, \xE2\x82\xAC, \xF0\x9F\x93\x88";
  EXPECT_EQ(to_valid_utf8(text), text);
}

TEST(Text, ToValidUtf8ReplacesEachBadByteAsTheJsonDumpDoes) {
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_EQ(to_valid_utf8("a\xFF"
                          "b"),
            "a" + replacement + "b");
  EXPECT_EQ(to_valid_utf8("caf\xC3 "), "caf" + replacement + " ");  // truncated sequence
  EXPECT_EQ(to_valid_utf8("\xE2\x82!"), replacement + "!");         // one per maximal subpart
  EXPECT_EQ(to_valid_utf8("\xC0\xAF"), replacement + replacement);  // overlong '/'
  EXPECT_EQ(to_valid_utf8("\xED\xA0\x80").size(), 3 * replacement.size());      // surrogate
  EXPECT_EQ(to_valid_utf8("\xF4\x90\x80\x80").size(), 4 * replacement.size());  // > U+10FFFF
  for (const std::string bad : {"x\xFE\xFF", "\xE2\x82", "\x80\x80", "ok\xF0\x9F\x93", "\xC0\xAF",
                                "\xED\xA0\x80", "\xF4\x90\x80\x80", "a\xC3\xA9\xC3"}) {
    const auto dumped =
        nlohmann::json(bad).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    EXPECT_EQ(nlohmann::json(to_valid_utf8(bad)).dump(), dumped);
  }
}

}  // namespace
}  // namespace ae::core
