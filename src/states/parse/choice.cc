#include "states/parse/choice.h"

#include <map>

#include "core/error.h"
#include "states/parse/timestamp.h"
#include "states/run/failure.h"

namespace ae::states {
namespace {

using core::InvalidInput;

using Family = ChoiceOperator::Family;
using Relation = ChoiceOperator::Relation;

const std::map<std::string, ChoiceOperator, std::less<>>& comparison_operators() {
  static const auto names = [] {
    std::map<std::string, ChoiceOperator, std::less<>> out;
    const std::pair<const char*, Relation> relations[] = {
        {"Equals", Relation::kEquals},
        {"LessThan", Relation::kLessThan},
        {"GreaterThan", Relation::kGreaterThan},
        {"LessThanEquals", Relation::kLessThanEquals},
        {"GreaterThanEquals", Relation::kGreaterThanEquals}};
    for (const auto& [family_name, family] :
         {std::pair{"String", Family::kString}, std::pair{"Numeric", Family::kNumeric},
          std::pair{"Timestamp", Family::kTimestamp}}) {
      for (const auto& [relation_name, relation] : relations)
        out[std::string(family_name) + relation_name] = {family, relation};
    }
    out["BooleanEquals"] = {Family::kBoolean, Relation::kEquals};
    out["StringMatches"] = {Family::kMatches, Relation::kEquals};
    out["IsNull"] = {Family::kIs, Relation::kNull};
    out["IsPresent"] = {Family::kIs, Relation::kPresent};
    out["IsNumeric"] = {Family::kIs, Relation::kNumeric};
    out["IsString"] = {Family::kIs, Relation::kString};
    out["IsBoolean"] = {Family::kIs, Relation::kBoolean};
    out["IsTimestamp"] = {Family::kIs, Relation::kTimestamp};
    return out;
  }();
  return names;
}

// -1, 0, 1 for the operator's family; nullopt when the types do not fit.
std::optional<int> order(Family family, const Json& left, const Json& right) {
  auto sign = [](auto a, auto b) { return a < b ? -1 : (a > b ? 1 : 0); };
  switch (family) {
    case Family::kString:
      if (!left.is_string() || !right.is_string()) return std::nullopt;
      return sign(left.get_ref<const std::string&>().compare(right.get_ref<const std::string&>()),
                  0);
    case Family::kNumeric:
      if (!left.is_number() || !right.is_number()) return std::nullopt;
      if (left.is_number_integer() && right.is_number_integer())
        return sign(left.get<long long>(), right.get<long long>());
      return sign(left.get<double>(), right.get<double>());
    case Family::kBoolean:
      if (!left.is_boolean() || !right.is_boolean()) return std::nullopt;
      return left.get<bool>() == right.get<bool>() ? 0 : 1;
    default: {
      if (!left.is_string() || !right.is_string()) return std::nullopt;
      auto a = parse_asl_timestamp(left.get_ref<const std::string&>());
      auto b = parse_asl_timestamp(right.get_ref<const std::string&>());
      if (!a || !b) return std::nullopt;
      return sign(*a, *b);
    }
  }
}

bool is_of_type(Relation test, const Json& value) {
  switch (test) {
    case Relation::kNull:
      return value.is_null();
    case Relation::kNumeric:
      return value.is_number();
    case Relation::kString:
      return value.is_string();
    case Relation::kBoolean:
      return value.is_boolean();
    case Relation::kTimestamp:
      return value.is_string() && parse_asl_timestamp(value.get<std::string>()).has_value();
    default:
      return false;
  }
}

}  // namespace

bool string_matches(const std::string& text, const std::string& pattern) {
  // Tokenise the pattern: literal characters and '*' wildcards.
  std::vector<std::pair<char, bool>> tokens;  // (char, is_wildcard)
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      tokens.emplace_back(pattern[++i], false);
    } else if (pattern[i] == '*') {
      tokens.emplace_back('*', true);
    } else {
      tokens.emplace_back(pattern[i], false);
    }
  }
  // Classic greedy wildcard matching with backtracking to the last star.
  size_t t = 0, p = 0, star = std::string::npos, mark = 0;
  while (t < text.size()) {
    if (p < tokens.size() && !tokens[p].second && tokens[p].first == text[t]) {
      ++t;
      ++p;
    } else if (p < tokens.size() && tokens[p].second) {
      star = p++;
      mark = t;
    } else if (star != std::string::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < tokens.size() && tokens[p].second) ++p;
  return p == tokens.size();
}

ChoiceRule ChoiceRule::parse(const Json& rule, const std::string& pointer, bool top_level) {
  if (!rule.is_object()) throw InvalidInput("a choice rule must be an object (at " + pointer + ")");
  ChoiceRule out;
  auto parse_list = [&](const char* key) {
    const Json& list = rule.at(key);
    if (!list.is_array() || list.empty())
      throw InvalidInput(std::string(key) + " must be a non-empty array (at " +
                         pointer_child(pointer, key) + ")");
    for (size_t i = 0; i < list.size(); ++i)
      out.children.push_back(
          parse(list[i], pointer_child(pointer, key) + "/" + std::to_string(i), false));
  };
  int operators = 0;
  for (const auto& [key, value] : rule.items()) {
    if (key == "And") {
      out.kind = Kind::kAnd;
      parse_list("And");
      ++operators;
    } else if (key == "Or") {
      out.kind = Kind::kOr;
      parse_list("Or");
      ++operators;
    } else if (key == "Not") {
      out.kind = Kind::kNot;
      out.children.push_back(parse(value, pointer_child(pointer, "Not"), false));
      ++operators;
    } else if (key == "Variable") {
      if (!value.is_string())
        throw InvalidInput("Variable must be a path string (at " + pointer_child(pointer, key) +
                           ")");
      try {
        out.variable = JsonPath::parse(value.get<std::string>());
      } catch (const InvalidInput& e) {
        throw InvalidInput(std::string(e.what()) + " (at " + pointer_child(pointer, key) + ")");
      }
    } else if (key == "Next") {
      if (!top_level)
        throw InvalidInput("Next is only allowed on a top-level choice rule (at " + pointer + ")");
      if (!value.is_string()) throw InvalidInput("Next must be a string (at " + pointer + ")");
      out.next = value.get<std::string>();
    } else if (key == "Assign") {
      if (!top_level)
        throw InvalidInput("Assign is only allowed on a top-level choice rule (at " + pointer +
                           ")");
      out.assign = PayloadTemplate::compile(value, pointer_child(pointer, key));
    } else if (key == "Comment") {
    } else {
      std::string op = key;
      bool path_form = false;
      if (!comparison_operators().contains(op) && op.ends_with("Path")) {
        op = op.substr(0, op.size() - 4);
        path_form = true;
      }
      const auto known = comparison_operators().find(op);
      if (known == comparison_operators().end() ||
          (path_form && (op.starts_with("Is") || op == "StringMatches"))) {
        throw InvalidInput("unknown field '" + key + "' in a choice rule (at " + pointer + ")");
      }
      out.kind = Kind::kCompare;
      out.op = known->second;
      out.against_path = path_form;
      const std::string where = pointer_child(pointer, key);
      if (path_form) {
        if (!value.is_string())
          throw InvalidInput(key + " must be a path string (at " + where + ")");
        try {
          out.value_path = JsonPath::parse(value.get<std::string>());
        } catch (const InvalidInput& e) {
          throw InvalidInput(std::string(e.what()) + " (at " + where + ")");
        }
      } else {
        bool ok = true;
        if (op.starts_with("String") || op.starts_with("Timestamp")) ok = value.is_string();
        if (op.starts_with("Numeric")) ok = value.is_number();
        if (op.starts_with("Boolean") || op.starts_with("Is")) ok = value.is_boolean();
        if (op.starts_with("Timestamp") && ok && !parse_asl_timestamp(value.get<std::string>()))
          ok = false;
        if (!ok) throw InvalidInput(key + " has a value of the wrong type (at " + where + ")");
        out.value = value;
      }
      ++operators;
    }
  }
  if (operators != 1)
    throw InvalidInput("a choice rule needs exactly one operator (at " + pointer + ")");
  if (out.kind == Kind::kCompare && !out.variable)
    throw InvalidInput("a comparison needs a Variable (at " + pointer + ")");
  if (out.kind != Kind::kCompare && out.variable)
    throw InvalidInput("Variable is not allowed on And/Or/Not (at " + pointer + ")");
  if (top_level && out.next.empty())
    throw InvalidInput("a top-level choice rule needs Next (at " + pointer + ")");
  return out;
}

bool ChoiceRule::matches(const Scope& scope) const {
  switch (kind) {
    case Kind::kAnd:
      for (const auto& child : children)
        if (!child.matches(scope)) return false;
      return true;
    case Kind::kOr:
      for (const auto& child : children)
        if (child.matches(scope)) return true;
      return false;
    case Kind::kNot:
      return !children.front().matches(scope);
    case Kind::kCompare:
      break;
  }
  PathMiss miss;
  std::optional<Json> actual = evaluate_path(*variable, scope, &miss);
  if (op.family == Family::kIs && op.relation == Relation::kPresent)
    return actual.has_value() == value.get<bool>();
  if (!actual) {
    throw runtime_failure("Invalid path '" + variable->text() + "' : " + miss.detail);
  }
  if (op.family == Family::kIs) return is_of_type(op.relation, *actual) == value.get<bool>();
  const Json* expected = &value;
  std::optional<Json> found;
  if (against_path) {
    PathMiss other;
    found = evaluate_path(*value_path, scope, &other);
    if (!found)
      throw runtime_failure("Invalid path '" + value_path->text() + "' : " + other.detail);
    expected = &*found;
  }
  if (op.family == Family::kMatches) {
    return actual->is_string() &&
           string_matches(actual->get<std::string>(), expected->get<std::string>());
  }
  auto result = order(op.family, *actual, *expected);
  if (!result) return false;
  switch (op.relation) {
    case Relation::kEquals:
      return *result == 0;
    case Relation::kLessThan:
      return *result < 0;
    case Relation::kGreaterThan:
      return *result > 0;
    case Relation::kLessThanEquals:
      return *result <= 0;
    default:
      return *result >= 0;
  }
}

}  // namespace ae::states
