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

std::optional<Json> evaluate_path(const JsonPath& path, const Scope& scope, PathMiss* miss) {
  switch (path.root()) {
    case PathRoot::kData:
      return path.find(scope.data, miss);
    case PathRoot::kContext:
      return path.find(scope.context, miss);
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
