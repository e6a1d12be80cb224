// Renders a state machine's transitions (Next, Choice rules and Default,
// Catch, End) as a Mermaid flowchart or a Graphviz dot digraph. Parallel
// branches and Map item processors are drawn as nested subgraphs.
#pragma once

#include <string>

#include "states/parse/definition.h"

namespace ae::states {

enum class GraphFormat { kMermaid, kDot };

std::string render_graph(const StateMachine& machine, GraphFormat format);

}  // namespace ae::states
