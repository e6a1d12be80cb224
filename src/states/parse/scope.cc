#include "states/parse/scope.h"

namespace ae::states {

std::mt19937_64& RandomSource::engine() {
  if (!engine_) engine_.emplace(std::random_device{}());
  return *engine_;
}

const Json* Variables::find(const std::string& name) const {
  for (const Variables* scope = this; scope != nullptr; scope = scope->parent_) {
    auto it = scope->values_.find(name);
    if (it != scope->values_.end()) return &it->second;
  }
  return nullptr;
}

Json Variables::to_json() const {
  Json out = Json::object();
  for (const auto& [name, value] : values_) out[name] = value;
  return out;
}

void Variables::load(const Json& bindings) {
  for (const auto& [name, value] : bindings.items()) values_[name] = value;
}

namespace {

// The members of $$ an iteration or branch run has of its own.
bool is_own_context_member(const std::string& name) {
  return name != "Execution" && name != "StateMachine";
}

// $$ of a layered scope: the outer members, then the run's own in their
// place (State) or after them (Task, Map).
Json merged_context(const Scope& scope) {
  Json merged = Json::object();
  for (const auto& [name, value] : scope.outer_context->items())
    if (!is_own_context_member(name)) merged[name] = value;
  for (const auto& [name, value] : scope.context.items()) merged[name] = value;
  return merged;
}

std::optional<Json> find_in_context(const JsonPath& path, const Scope& scope, PathMiss* miss) {
  if (scope.outer_context == nullptr) return path.find(scope.context, miss);
  const auto& segments = path.segments();
  const bool one_member = !segments.empty() && segments[0].kind == PathSegment::Kind::kName &&
                          !segments[0].recursive && segments[0].names.size() == 1;
  if (!one_member) return path.find(merged_context(scope), miss);
  return path.find(
      is_own_context_member(segments[0].names[0]) ? scope.context : *scope.outer_context, miss);
}

}  // namespace

std::optional<Json> evaluate_path(const JsonPath& path, const Scope& scope, PathMiss* miss) {
  switch (path.root()) {
    case PathRoot::kData:
      return path.find(scope.data, miss);
    case PathRoot::kContext:
      return find_in_context(path, scope, miss);
    case PathRoot::kVariable: {
      const Json* value = scope.variables.find(path.variable());
      if (value == nullptr) {
        if (miss != nullptr) miss->detail = "Undefined variable '" + path.variable() + "'";
        return std::nullopt;
      }
      return path.find(*value, miss);
    }
  }
  return std::nullopt;
}

}  // namespace ae::states
