// The test helper must itself be able to fail: malformed documents throw.
#include "charts/xml_check.h"

#include <gtest/gtest.h>

namespace ae::test {
namespace {

TEST(XmlCheck, AcceptsAWellFormedDocument) {
  const auto root = parse_xml(
      "<?xml version=\"1.0\"?>\n<svg a=\"1\" b='x &amp; y'><!-- c --><g><title>t &lt;</title>"
      "</g><rect/></svg>\n");
  EXPECT_EQ(root.name, "svg");
  EXPECT_EQ(root.attr("b"), "x & y");
  ASSERT_EQ(root.children.size(), 2u);
  EXPECT_EQ(root.children[0].children[0].text, "t <");
}

TEST(XmlCheck, RejectsMalformedDocuments) {
  for (const char* bad : {"<svg>", "<svg></g>", "<svg a=1/>", "<svg a=\"<\"/>", "<svg>&nbsp;</svg>",
                          "<svg>a & b</svg>", "<svg/><svg/>", "<svg a=\"1\" a=\"2\"/>",
                          "<svg a=\"1\"b=\"2\"/>", "text", "<svg><!-- a -- b --></svg>"}) {
    EXPECT_THROW(parse_xml(bad), std::runtime_error) << bad;
  }
}

}  // namespace
}  // namespace ae::test
