// The state-machine graph: one box per top-level state, edges for Next,
// Choices, Default and Catch, the path taken and the failed state marked,
// names escaped.
#include "web/state_graph.h"

#include <gtest/gtest.h>

#include "app/pipelines.h"
#include "core/error.h"

namespace ae::web {
namespace {

using Json = nlohmann::json;

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

const Json kMachine = Json::parse(R"({
  "StartAt": "Check",
  "States": {
    "Check": {"Type": "Task", "Resource": "x", "Next": "Gap?",
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Fail <&>"}]},
    "Gap?": {"Type": "Choice", "Choices": [{"Variable": "$.gap", "BooleanEquals": true, "Next": "Heal"}],
             "Default": "Done"},
    "Heal": {"Type": "Task", "Resource": "x", "Next": "Check"},
    "Done": {"Type": "Succeed"},
    "Fail <&>": {"Type": "Fail"}
  }
})");

TEST(StateGraph, BoxesEdgesAndPath) {
  GraphHighlight highlight;
  highlight.path = {"Check", "Gap?", "Heal", "Check", "Gap?", "Done"};
  const std::string svg = render_state_graph(kMachine, highlight);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_EQ(count(svg, "<g class=\"ae-state"), 5u);
  EXPECT_EQ(count(svg, "ae-visited"), 4u);  // Check, Gap?, Heal, Done
  // Check->Gap?, Gap?->Heal, Gap?->Done (default), Heal->Check (back), Check->Fail (catch).
  EXPECT_EQ(count(svg, "<path class=\"ae-edge"), 5u);
  EXPECT_EQ(count(svg, "ae-taken"), 4u);
  EXPECT_EQ(count(svg, "ae-edge-catch"), 1u);
  EXPECT_EQ(count(svg, "ae-edge-default"), 1u);
  EXPECT_EQ(svg.find("Fail <&>"), std::string::npos);
  EXPECT_NE(svg.find("data-state=\"Fail &lt;&amp;&gt;\""), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
}

TEST(StateGraph, FailedStateIsMarked) {
  GraphHighlight highlight;
  highlight.path = {"Check", "Fail <&>"};
  highlight.failed_state = "Fail <&>";
  const std::string svg = render_state_graph(kMachine, highlight);
  EXPECT_EQ(count(svg, "ae-failed"), 1u);
  EXPECT_NE(svg.find("class=\"ae-state ae-visited ae-failed\" data-state=\"Fail &lt;&amp;&gt;\""),
            std::string::npos);
}

TEST(StateGraph, EveryShippedPipelineDraws) {
  for (const char* name : {"weekday", "eod", "saturday"}) {
    const Json definition = Json::parse(app::pipeline_definition(name));
    const std::string svg = render_state_graph(definition, {});
    EXPECT_EQ(count(svg, "<g class=\"ae-state"), definition["States"].size()) << name;
  }
}

TEST(StateGraph, RefusesADefinitionWithoutStates) {
  EXPECT_THROW(render_state_graph(Json::object(), {}), core::InvalidInput);
  EXPECT_THROW(render_state_graph(Json::parse(R"({"StartAt": "A"})"), {}), core::InvalidInput);
}

}  // namespace
}  // namespace ae::web
