// The state-machine graph of an execution, drawn as SVG by the project:
// states of the ASL definition's top level as boxes (Parallel and Map as one
// box each), transitions (Next, Choice rules and Default, Catch) as edges,
// laid out in layers by breadth-first distance from StartAt, back edges bent
// around the side. The path taken is highlighted: states entered are filled,
// edges followed between consecutive entered states are drawn thick, the
// state the execution failed in is red. Boxes carry data-state="<name>" and a
// <title>, so a page can make them clickable. Output is standalone,
// well-formed SVG with every text XML-escaped and no script.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ae::web {

struct GraphHighlight {
  std::vector<std::string> path;  // top-level states entered, in order
  std::string failed_state;       // empty unless the execution failed in one
  std::string current_state;      // a RUNNING execution's latest state
};

// Throws core::InvalidInput when `definition` has no States/StartAt.
std::string render_state_graph(const nlohmann::json& definition, const GraphHighlight& highlight);

}  // namespace ae::web
