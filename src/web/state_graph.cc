#include "web/state_graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "charts/svg.h"
#include "core/error.h"

namespace ae::web {
namespace {

using Json = nlohmann::json;

constexpr int kBoxWidth = 190;
constexpr int kBoxHeight = 34;
constexpr int kColumnGap = 36;
constexpr int kRowGap = 40;
constexpr int kMargin = 40;  // room on the left and right for back edges

struct Edge {
  std::string from;
  std::string to;
  std::string kind;  // next | choice | default | catch
};

std::vector<Edge> edges_of(const Json& states) {
  std::vector<Edge> edges;
  for (const auto& [name, state] : states.items()) {
    if (state.contains("Next")) edges.push_back({name, state["Next"].get<std::string>(), "next"});
    if (state.contains("Choices"))
      for (const auto& rule : state["Choices"])
        if (rule.contains("Next"))
          edges.push_back({name, rule["Next"].get<std::string>(), "choice"});
    if (state.contains("Default"))
      edges.push_back({name, state["Default"].get<std::string>(), "default"});
    if (state.contains("Catch"))
      for (const auto& catcher : state["Catch"])
        if (catcher.contains("Next"))
          edges.push_back({name, catcher["Next"].get<std::string>(), "catch"});
  }
  // One edge per (from, to): the first kind seen wins (next before catch).
  std::vector<Edge> unique;
  std::set<std::pair<std::string, std::string>> seen;
  for (auto& edge : edges)
    if (states.contains(edge.to) && seen.insert({edge.from, edge.to}).second)
      unique.push_back(std::move(edge));
  return unique;
}

// Layers: the longest path from StartAt over the edges that do not close a
// cycle (back edges found by a depth-first walk), so a state sits below every
// state that can lead to it - a shared failure handler goes to the bottom
// rather than next to the first state that catches into it. States not
// reachable go in a last layer.
std::map<std::string, int> layers_of(const Json& states, const std::string& start,
                                     const std::vector<Edge>& edges) {
  std::map<std::string, std::vector<std::string>> successors;
  for (const auto& edge : edges) successors[edge.from].push_back(edge.to);
  std::set<std::pair<std::string, std::string>> back_edges;
  std::set<std::string> done, on_stack;
  // Iterative DFS: (node, index of the next successor to visit).
  std::vector<std::pair<std::string, size_t>> stack;
  if (states.contains(start)) {
    stack.push_back({start, 0});
    on_stack.insert(start);
  }
  std::vector<std::string> finish_order;
  while (!stack.empty()) {
    auto& [node, next] = stack.back();
    const auto& out = successors[node];
    if (next < out.size()) {
      const std::string target = out[next++];
      if (on_stack.count(target))
        back_edges.insert({node, target});
      else if (!done.count(target)) {
        on_stack.insert(target);
        stack.push_back({target, 0});
      }
    } else {
      on_stack.erase(node);
      done.insert(node);
      finish_order.push_back(node);
      stack.pop_back();
    }
  }
  std::map<std::string, int> layer;
  if (states.contains(start)) layer[start] = 0;
  // Reverse finish order is a topological order of the forward edges.
  for (auto it = finish_order.rbegin(); it != finish_order.rend(); ++it) {
    if (!layer.count(*it)) continue;
    for (const auto& target : successors[*it])
      if (!back_edges.count({*it, target}))
        layer[target] = std::max(layer.count(target) ? layer[target] : 0, layer[*it] + 1);
  }
  int deepest = 0;
  for (const auto& [name, depth] : layer) deepest = std::max(deepest, depth);
  for (const auto& [name, state] : states.items())
    if (!layer.count(name)) layer[name] = deepest + 1;
  return layer;
}

struct Box {
  double x = 0, y = 0;  // top-left
};

}  // namespace

std::string render_state_graph(const Json& definition, const GraphHighlight& highlight) {
  if (!definition.is_object() || !definition.contains("States") ||
      !definition["States"].is_object() || !definition.contains("StartAt"))
    throw core::InvalidInput("state graph: the definition has no States or StartAt");
  const Json& states = definition["States"];
  const std::string start = definition["StartAt"].get<std::string>();
  const auto edges = edges_of(states);
  const auto layer = layers_of(states, start, edges);

  // Order within a layer: definition order (nlohmann keeps keys sorted, so use
  // the first-visit order of a depth-first walk from StartAt instead).
  std::vector<std::string> order;
  {
    std::map<std::string, std::vector<std::string>> successors;
    for (const auto& edge : edges) successors[edge.from].push_back(edge.to);
    std::set<std::string> seen;
    std::vector<std::string> stack{start};
    while (!stack.empty()) {
      const std::string name = stack.back();
      stack.pop_back();
      if (!states.contains(name) || !seen.insert(name).second) continue;
      order.push_back(name);
      const auto& next = successors[name];
      for (auto it = next.rbegin(); it != next.rend(); ++it) stack.push_back(*it);
    }
    for (const auto& [name, state] : states.items())
      if (!seen.count(name)) order.push_back(name);
  }
  std::map<int, std::vector<std::string>> rows;
  for (const auto& name : order) rows[layer.at(name)].push_back(name);
  size_t widest = 1;
  for (const auto& [depth, names] : rows) widest = std::max(widest, names.size());

  const double width = kMargin * 2 + static_cast<double>(widest) * (kBoxWidth + kColumnGap);
  std::map<std::string, Box> boxes;
  for (const auto& [depth, names] : rows) {
    const double row_width = static_cast<double>(names.size()) * (kBoxWidth + kColumnGap);
    double x = (width - row_width) / 2 + kColumnGap / 2.0;
    for (const auto& name : names) {
      boxes[name] = {x, 20.0 + depth * (kBoxHeight + kRowGap)};
      x += kBoxWidth + kColumnGap;
    }
  }
  const double height = 20.0 + static_cast<double>(rows.size()) * (kBoxHeight + kRowGap) + 20.0;

  std::set<std::string> visited(highlight.path.begin(), highlight.path.end());
  std::set<std::pair<std::string, std::string>> taken;
  for (size_t i = 1; i < highlight.path.size(); ++i)
    taken.insert({highlight.path[i - 1], highlight.path[i]});

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ae-state-graph\" viewBox=\"0 0 {:.0f} "
      "{:.0f}\" width=\"{:.0f}\" height=\"{:.0f}\" font-family=\"sans-serif\" font-size=\"12\">\n",
      width, height, width, height);
  svg +=
      "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
      "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" "
      "fill=\"#888\"/></marker><marker id=\"arrow-taken\" viewBox=\"0 0 10 10\" refX=\"10\" "
      "refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path "
      "d=\"M0,0 L10,5 L0,10 z\" fill=\"#1565c0\"/></marker></defs>\n";
  // Edges first, boxes on top.
  for (const auto& edge : edges) {
    const Box& a = boxes[edge.from];
    const Box& b = boxes[edge.to];
    const bool is_taken = taken.count({edge.from, edge.to}) > 0;
    const std::string cls =
        std::string("ae-edge ae-edge-") + edge.kind + (is_taken ? " ae-taken" : "");
    const std::string stroke = is_taken ? "#1565c0" : "#aaa";
    const std::string marker = is_taken ? "url(#arrow-taken)" : "url(#arrow)";
    const std::string dash = edge.kind == "catch" ? " stroke-dasharray=\"5 3\"" : "";
    const double stroke_width = is_taken ? 2.5 : 1.2;
    std::string d;
    if (layer.at(edge.to) > layer.at(edge.from)) {
      const double x1 = a.x + kBoxWidth / 2.0, y1 = a.y + kBoxHeight;
      const double x2 = b.x + kBoxWidth / 2.0, y2 = b.y;
      d = fmt::format("M{:.1f},{:.1f} C{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}", x1, y1, x1,
                      y1 + kRowGap / 2.0, x2, y2 - kRowGap / 2.0, x2, y2);
    } else {
      // Back or sideways edge: leave from the right side, come round.
      const bool right = b.x + kBoxWidth / 2.0 >= width / 2;
      const double side = right ? std::max(a.x, b.x) + kBoxWidth + kMargin * 0.8
                                : std::min(a.x, b.x) - kMargin * 0.8;
      const double x1 = right ? a.x + kBoxWidth : a.x, y1 = a.y + kBoxHeight / 2.0;
      const double x2 = right ? b.x + kBoxWidth : b.x, y2 = b.y + kBoxHeight / 2.0;
      d = fmt::format("M{:.1f},{:.1f} C{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}", x1, y1, side, y1,
                      side, y2, x2, y2);
    }
    svg += fmt::format(
        "<path class=\"{}\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:.1f}\"{} "
        "marker-end=\"{}\"><title>{} → {} ({})</title></path>\n",
        cls, d, stroke, stroke_width, dash, marker, charts::escape_xml(edge.from),
        charts::escape_xml(edge.to), edge.kind);
  }
  for (const auto& name : order) {
    const Box& box = boxes[name];
    const std::string type = states[name].value("Type", "");
    std::string fill = "#f4f4f4", stroke = "#9e9e9e", cls = "ae-state";
    if (visited.count(name)) {
      fill = "#dcefdc";
      stroke = "#2e7d32";
      cls += " ae-visited";
    }
    if (name == highlight.failed_state) {
      fill = "#fddede";
      stroke = "#c62828";
      cls += " ae-failed";
    }
    if (name == highlight.current_state) cls += " ae-current";
    const double rx = type == "Choice" ? 17 : 5;
    std::string label = name.size() > 26 ? name.substr(0, 25) + "…" : name;
    svg += fmt::format(
        "<g class=\"{}\" data-state=\"{}\"><title>{} ({})</title><rect x=\"{:.1f}\" y=\"{:.1f}\" "
        "width=\"{}\" height=\"{}\" rx=\"{:.0f}\" fill=\"{}\" stroke=\"{}\" "
        "stroke-width=\"{}\"/><text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" "
        "fill=\"#222\">{}</text></g>\n",
        cls, charts::escape_xml(name), charts::escape_xml(name), charts::escape_xml(type), box.x,
        box.y, kBoxWidth, kBoxHeight, rx, fill, stroke, visited.count(name) ? 2 : 1,
        box.x + kBoxWidth / 2.0, box.y + kBoxHeight / 2.0 + 4, charts::escape_xml(label));
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace ae::web
