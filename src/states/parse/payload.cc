#include "states/parse/payload.h"

#include <algorithm>
#include <vector>

#include "core/error.h"
#include "states/parse/intrinsics.h"
#include "states/parse/java_hash_order.h"
#include "states/run/failure.h"

namespace ae::states {

struct PayloadNode {
  enum class Kind { kLiteral, kObject, kArray, kDynamic } kind = Kind::kLiteral;
  Json literal;
  std::vector<std::pair<std::string, std::shared_ptr<const PayloadNode>>> fields;  // kObject
  std::vector<std::shared_ptr<const PayloadNode>> items;                           // kArray
  std::optional<DynamicValue> value;                                               // kDynamic
};

DynamicValue DynamicValue::compile(const std::string& text, std::string field,
                                   const std::string& pointer) {
  DynamicValue out;
  out.text_ = text;
  out.field_ = std::move(field);
  try {
    if (looks_like_intrinsic(text)) {
      out.intrinsic_ = std::make_shared<Intrinsic>(Intrinsic::parse(text));
    } else {
      out.path_ = JsonPath::parse(text);
    }
  } catch (const core::InvalidInput& e) {
    throw core::InvalidInput(std::string(e.what()) + " (at " + pointer + ")");
  }
  return out;
}

Json DynamicValue::evaluate(const Scope& scope) const {
  if (intrinsic_) return intrinsic_->evaluate(scope);
  auto value = evaluate_path(*path_, scope);
  if (!value) {
    throw runtime_failure("The JSONPath '" + path_->text() + "' specified for the field '" +
                          field_ + "' could not be found in the input '" + scope.data.dump() + "'");
  }
  return std::move(*value);
}

std::string pointer_child(const std::string& pointer, const std::string& key) {
  std::string out = pointer + "/";
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

std::shared_ptr<const PayloadNode> literal_node(const Json& value) {
  auto node = std::make_shared<PayloadNode>();
  node->literal = value;
  return node;
}

// The order AWS gives the members of a template's object: the literal fields
// (nested templates included) in the template's order, then the ".$" fields
// in java.util.HashMap's order of their names (java_hash_order.h).
void order_as_aws(std::vector<std::pair<std::string, std::shared_ptr<const PayloadNode>>>& fields) {
  auto first_path = std::stable_partition(fields.begin(), fields.end(), [](const auto& field) {
    return field.second->kind != PayloadNode::Kind::kDynamic;
  });
  std::vector<std::pair<std::string, std::shared_ptr<const PayloadNode>>> from_paths(
      std::make_move_iterator(first_path), std::make_move_iterator(fields.end()));
  fields.erase(first_path, fields.end());
  std::vector<std::string> names;
  for (const auto& field : from_paths) names.push_back(field.first);
  for (size_t position : java_hash_map_order(names))
    fields.push_back(std::move(from_paths[position]));
}

// Compiles the dynamic part of `value`: nullptr when it holds no ".$" key.
// A static subtree is copied once, by the dynamic node that holds it, so
// compiling is linear in the size of the template however deep it nests.
std::shared_ptr<const PayloadNode> compile_dynamic(const Json& value, const std::string& pointer) {
  if (!value.is_structured()) return nullptr;
  auto node = std::make_shared<PayloadNode>();
  bool dynamic = false;
  if (value.is_object()) {
    node->kind = PayloadNode::Kind::kObject;
    for (const auto& [key, child] : value.items()) {
      const std::string child_pointer = pointer_child(pointer, key);
      if (key.size() > 2 && key.ends_with(".$")) {
        if (!child.is_string()) {
          throw core::InvalidInput("the value of '" + key + "' at " + child_pointer +
                                   " must be a string (a path or an intrinsic function)");
        }
        auto leaf = std::make_shared<PayloadNode>();
        leaf->kind = PayloadNode::Kind::kDynamic;
        leaf->value = DynamicValue::compile(child.get<std::string>(), key, child_pointer);
        node->fields.emplace_back(key.substr(0, key.size() - 2), leaf);
        dynamic = true;
      } else {
        auto compiled = compile_dynamic(child, child_pointer);
        dynamic = dynamic || compiled != nullptr;
        node->fields.emplace_back(key, compiled);
      }
    }
    if (!dynamic) return nullptr;
    for (auto& [key, child] : node->fields)
      if (!child) child = literal_node(value.at(key));
    order_as_aws(node->fields);
  } else {
    node->kind = PayloadNode::Kind::kArray;
    for (size_t i = 0; i < value.size(); ++i) {
      auto compiled = compile_dynamic(value[i], pointer + "/" + std::to_string(i));
      dynamic = dynamic || compiled != nullptr;
      node->items.push_back(compiled);
    }
    if (!dynamic) return nullptr;
    for (size_t i = 0; i < value.size(); ++i)
      if (!node->items[i]) node->items[i] = literal_node(value[i]);
  }
  return node;
}

Json evaluate_node(const PayloadNode& node, const Scope& scope) {
  switch (node.kind) {
    case PayloadNode::Kind::kLiteral:
      return node.literal;
    case PayloadNode::Kind::kObject: {
      Json out = Json::object();
      reserve_members(out, node.fields.size());
      for (const auto& [key, child] : node.fields) out[key] = evaluate_node(*child, scope);
      return out;
    }
    case PayloadNode::Kind::kArray: {
      Json out = Json::array();
      for (const auto& child : node.items) out.push_back(evaluate_node(*child, scope));
      return out;
    }
    case PayloadNode::Kind::kDynamic:
      return node.value->evaluate(scope);
  }
  return nullptr;
}

}  // namespace

PayloadTemplate PayloadTemplate::compile(const Json& value, const std::string& pointer) {
  PayloadTemplate out;
  out.root_ = compile_dynamic(value, pointer);
  if (!out.root_) out.root_ = literal_node(value);
  return out;
}

Json PayloadTemplate::evaluate(const Scope& scope) const { return evaluate_node(*root_, scope); }

}  // namespace ae::states
