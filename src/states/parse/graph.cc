#include "states/parse/graph.h"

#include <functional>

namespace ae::states {
namespace {

struct Edge {
  std::string from, to, label;
  bool dashed = false;
};

std::string quote(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"') {
      out += "#quot;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string dot_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

class Renderer {
 public:
  explicit Renderer(GraphFormat format) : format_(format) {}

  std::string render(const StateMachine& machine) {
    out_ =
        format_ == GraphFormat::kMermaid ? "flowchart TD\n" : "digraph states {\n  rankdir=TB;\n";
    machine_body(machine, "", 1);
    if (format_ == GraphFormat::kDot) out_ += "}\n";
    return out_;
  }

 private:
  std::string id(const std::string& prefix, const std::string& name) {
    std::string out = "n" + std::to_string(ids_.size());
    auto key = prefix + "/" + name;
    auto [it, inserted] = ids_.emplace(key, out);
    return it->second;
  }

  void line(int depth, const std::string& text) {
    out_ += std::string(depth * 2, ' ') + text + "\n";
  }

  void node(int depth, const std::string& node_id, const State& state) {
    const std::string label = state.name + " (" + state_type_name(state.type) + ")";
    if (format_ == GraphFormat::kMermaid) {
      if (state.type == StateType::kChoice) {
        line(depth, node_id + "{\"" + quote(label) + "\"}");
      } else if (state.type == StateType::kSucceed || state.type == StateType::kFail) {
        line(depth, node_id + "([\"" + quote(label) + "\"])");
      } else {
        line(depth, node_id + "[\"" + quote(label) + "\"]");
      }
    } else {
      const char* shape = state.type == StateType::kChoice ? "diamond"
                          : (state.type == StateType::kSucceed || state.type == StateType::kFail)
                              ? "oval"
                              : "box";
      line(depth, node_id + " [label=" + dot_quote(label) + ", shape=" + shape + "];");
    }
  }

  void edge(int depth, const Edge& e) {
    if (format_ == GraphFormat::kMermaid) {
      std::string arrow = e.dashed ? " -.->" : " -->";
      if (!e.label.empty()) arrow += "|\"" + quote(e.label) + "\"|";
      line(depth, e.from + arrow + " " + e.to);
    } else {
      std::string attrs;
      if (!e.label.empty()) attrs += "label=" + dot_quote(e.label);
      if (e.dashed) attrs += std::string(attrs.empty() ? "" : ", ") + "style=dashed";
      line(depth, e.from + " -> " + e.to + (attrs.empty() ? "" : " [" + attrs + "]") + ";");
    }
  }

  void machine_body(const StateMachine& machine, const std::string& prefix, int depth) {
    const std::string start = id(prefix, "(start)"), end = id(prefix, "(end)");
    if (format_ == GraphFormat::kMermaid) {
      line(depth, start + "((start))");
      line(depth, end + "((end))");
    } else {
      line(depth, start + " [label=\"start\", shape=circle];");
      line(depth, end + " [label=\"end\", shape=doublecircle];");
    }
    for (const auto& state : machine.states) node(depth, id(prefix, state.name), state);
    edge(depth, {start, id(prefix, machine.start_at), "", false});
    for (const auto& state : machine.states) {
      const std::string from = id(prefix, state.name);
      if (!state.next.empty()) edge(depth, {from, id(prefix, state.next), "", false});
      if (state.end || state.type == StateType::kSucceed || state.type == StateType::kFail)
        edge(depth, {from, end, "", false});
      for (size_t i = 0; i < state.choices.size(); ++i)
        edge(depth,
             {from, id(prefix, state.choices[i].next), "rule " + std::to_string(i + 1), false});
      if (!state.default_next.empty())
        edge(depth, {from, id(prefix, state.default_next), "Default", false});
      for (const auto& catcher : state.catchers) {
        std::string label = "Catch";
        for (const auto& error : catcher.errors) label += " " + error;
        edge(depth, {from, id(prefix, catcher.next), label, true});
      }
      std::vector<const StateMachine*> nested;
      for (const auto& branch : state.branches) nested.push_back(branch.get());
      if (state.processor) nested.push_back(state.processor.get());
      for (size_t i = 0; i < nested.size(); ++i) {
        const std::string inner = prefix + "/" + state.name + "#" + std::to_string(i);
        const std::string title =
            state.name + (state.processor ? " items" : " branch " + std::to_string(i + 1));
        const std::string cluster = "c" + std::to_string(clusters_++);
        if (format_ == GraphFormat::kMermaid) {
          line(depth, "subgraph " + cluster + "[\"" + quote(title) + "\"]");
        } else {
          line(depth, "subgraph cluster_" + cluster + " {");
          line(depth + 1, "label=" + dot_quote(title) + ";");
        }
        machine_body(*nested[i], inner, depth + 1);
        line(depth, format_ == GraphFormat::kMermaid ? "end" : "}");
        edge(depth, {from, id(inner, "(start)"), "", true});
      }
    }
  }

  GraphFormat format_;
  std::string out_;
  std::map<std::string, std::string> ids_;
  int clusters_ = 0;
};

}  // namespace

std::string render_graph(const StateMachine& machine, GraphFormat format) {
  return Renderer(format).render(machine);
}

}  // namespace ae::states
