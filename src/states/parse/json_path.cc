#include "states/parse/json_path.h"

#include <charconv>
#include <cmath>
#include <regex>

#include "core/error.h"
#include "core/json_limits.h"
#include "states/parse/limits.h"
#include "states/run/failure.h"

namespace ae::states {

struct FilterOperand {
  enum class Kind { kLiteral, kCurrent, kRoot, kRegex } kind = Kind::kLiteral;
  Json literal;
  std::vector<PathSegment> path;
  std::string regex;                          // kRegex: as written
  std::shared_ptr<const std::regex> pattern;  // kRegex: compiled when the path is parsed
};

struct FilterExpr {
  enum class Kind { kOr, kAnd, kNot, kCompare, kExists } kind = Kind::kExists;
  std::vector<std::shared_ptr<const FilterExpr>> children;
  FilterOperand left, right;
  std::string op;
};

namespace {

using core::InvalidInput;

class PathParser {
 public:
  explicit PathParser(std::string_view text) : text_(text) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw InvalidInput("invalid JSONPath '" + std::string(text_) + "' at offset " +
                       std::to_string(pos_) + ": " + what);
  }
  bool done() const { return pos_ >= text_.size(); }
  char peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  bool eat(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  bool eat(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  void expect(char c) {
    if (!eat(c)) fail(std::string("expected '") + c + "'");
  }
  void skip_spaces() {
    while (!done() && (peek() == ' ' || peek() == '\t')) ++pos_;
  }

  // Segments until something that is not '.' or '['. In a filter, names
  // also stop at operator characters.
  std::vector<PathSegment> segments(bool in_filter) {
    std::vector<PathSegment> out;
    while (!done()) {
      if (peek() == '.') {
        ++pos_;
        bool recursive = eat('.');
        if (peek() == '[') {
          out.push_back(bracket());
          out.back().recursive = recursive;
          continue;
        }
        PathSegment segment;
        segment.recursive = recursive;
        if (eat('*')) {
          segment.kind = PathSegment::Kind::kWildcard;
        } else {
          segment.names.push_back(name(in_filter));
        }
        out.push_back(std::move(segment));
      } else if (peek() == '[') {
        out.push_back(bracket());
      } else {
        break;
      }
    }
    return out;
  }

  std::string name(bool in_filter) {
    size_t begin = pos_;
    while (!done()) {
      char c = peek();
      if (c == '.' || c == '[') break;
      if (in_filter && std::string_view(" )=!<>&|,").find(c) != std::string_view::npos) break;
      ++pos_;
    }
    if (pos_ == begin) fail("expected a property name");
    return std::string(text_.substr(begin, pos_ - begin));
  }

  std::string quoted() {
    char quote = peek();
    ++pos_;
    std::string out;
    while (true) {
      if (done()) fail("unterminated string");
      char c = text_[pos_++];
      if (c == quote) break;
      if (c == '\\' && peek() == quote) {
        out += text_[pos_++];
        continue;
      }
      out += c;
    }
    return out;
  }

  std::optional<long long> integer() {
    skip_spaces();
    size_t begin = pos_;
    if (peek() == '-' || peek() == '+') ++pos_;
    while (!done() && std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
    if (pos_ == begin ||
        (pos_ == begin + 1 && !std::isdigit(static_cast<unsigned char>(text_[begin])))) {
      pos_ = begin;
      return std::nullopt;
    }
    const char* first = text_.data() + begin + (text_[begin] == '+' ? 1 : 0);
    long long value = 0;
    if (std::from_chars(first, text_.data() + pos_, value).ec != std::errc())
      fail("index outside the 64-bit integer range");
    skip_spaces();
    return value;
  }

  PathSegment bracket() {
    expect('[');
    skip_spaces();
    PathSegment segment;
    if (eat('*')) {
      segment.kind = PathSegment::Kind::kWildcard;
    } else if (peek() == '\'' || peek() == '"') {
      segment.kind = PathSegment::Kind::kName;
      do {
        skip_spaces();
        if (peek() != '\'' && peek() != '"') fail("expected a quoted name");
        segment.names.push_back(quoted());
        skip_spaces();
      } while (eat(','));
    } else if (eat('?')) {
      segment.kind = PathSegment::Kind::kFilter;
      skip_spaces();
      expect('(');
      segment.filter = or_expr();
      skip_spaces();
      expect(')');
    } else {
      auto first = integer();
      if (peek() == ':') {
        segment.kind = PathSegment::Kind::kSlice;
        segment.start = first;
        ++pos_;
        segment.end = integer();
        if (eat(':')) {
          auto step = integer();
          segment.step = step.value_or(1);
          if (segment.step == 0) fail("slice step 0");
        }
      } else {
        if (!first) fail("expected an index, a quoted name, '*', a slice or a filter");
        segment.kind = PathSegment::Kind::kIndex;
        segment.indexes.push_back(*first);
        while (eat(',')) {
          auto next = integer();
          if (!next) fail("expected an index");
          segment.indexes.push_back(*next);
        }
      }
    }
    skip_spaces();
    expect(']');
    return segment;
  }

  std::shared_ptr<const FilterExpr> or_expr() {
    auto left = and_expr();
    skip_spaces();
    while (eat("||")) {
      auto node = std::make_shared<FilterExpr>();
      node->kind = FilterExpr::Kind::kOr;
      node->children = {left, and_expr()};
      left = node;
      skip_spaces();
    }
    return left;
  }

  std::shared_ptr<const FilterExpr> and_expr() {
    auto left = unary();
    skip_spaces();
    while (eat("&&")) {
      auto node = std::make_shared<FilterExpr>();
      node->kind = FilterExpr::Kind::kAnd;
      node->children = {left, unary()};
      left = node;
      skip_spaces();
    }
    return left;
  }

  std::shared_ptr<const FilterExpr> unary() {
    // Parentheses, '!' and filters inside filters recurse through here.
    struct Nesting {
      size_t& depth;
      explicit Nesting(size_t& d) : depth(d) { ++depth; }
      ~Nesting() { --depth; }
    } nesting(nesting_);
    if (nesting_ > kMaxExpressionNesting)
      fail("filter nested deeper than " + std::to_string(kMaxExpressionNesting) + " levels");
    skip_spaces();
    if (peek() == '!' && peek(1) != '=') {
      ++pos_;
      auto node = std::make_shared<FilterExpr>();
      node->kind = FilterExpr::Kind::kNot;
      node->children = {unary()};
      return node;
    }
    if (eat('(')) {
      auto inner = or_expr();
      skip_spaces();
      expect(')');
      return inner;
    }
    auto node = std::make_shared<FilterExpr>();
    node->left = operand();
    skip_spaces();
    static const char* kOperators[] = {"==", "!=", "<=", ">=", "=~", "<", ">"};
    for (const char* op : kOperators) {
      if (eat(std::string_view(op))) {
        node->kind = FilterExpr::Kind::kCompare;
        node->op = op;
        skip_spaces();
        node->right = operand();
        return node;
      }
    }
    node->kind = FilterExpr::Kind::kExists;
    return node;
  }

  FilterOperand operand() {
    skip_spaces();
    FilterOperand out;
    if (eat('@')) {
      out.kind = FilterOperand::Kind::kCurrent;
      out.path = segments(true);
    } else if (eat('$')) {
      out.kind = FilterOperand::Kind::kRoot;
      out.path = segments(true);
    } else if (peek() == '\'' || peek() == '"') {
      out.literal = quoted();
    } else if (peek() == '/') {
      ++pos_;
      out.kind = FilterOperand::Kind::kRegex;
      size_t begin = pos_;
      while (!done() && peek() != '/') pos_ += peek() == '\\' ? 2 : 1;
      out.regex = std::string(text_.substr(begin, pos_ - begin));
      expect('/');
      try {
        out.pattern = std::make_shared<const std::regex>(out.regex);
      } catch (const std::regex_error& error) {
        fail("bad regular expression /" + out.regex + "/: " + error.what());
      }
      while (std::isalpha(static_cast<unsigned char>(peek()))) ++pos_;  // flags
    } else if (eat("true")) {
      out.literal = true;
    } else if (eat("false")) {
      out.literal = false;
    } else if (eat("null")) {
      out.literal = nullptr;
    } else {
      size_t begin = pos_;
      while (!done() && std::string_view("+-.eE0123456789").find(peek()) != std::string_view::npos)
        ++pos_;
      if (pos_ == begin) fail("expected a filter operand");
      try {
        out.literal = Json::parse(text_.substr(begin, pos_ - begin));
      } catch (const Json::exception&) {
        fail("bad number in filter");
      }
    }
    return out;
  }

  size_t pos() const { return pos_; }
  void set_pos(size_t pos) { pos_ = pos; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t nesting_ = 0;  // unary() calls open around the current one
};

void select_from(const Json& root, const Json& node, const std::vector<PathSegment>& segments,
                 size_t at, std::vector<const Json*>& out);

bool filter_matches(const FilterExpr& expr, const Json& root, const Json& current);

void apply_segment(const Json& root, const Json& node, const PathSegment& segment,
                   const std::vector<PathSegment>& segments, size_t at,
                   std::vector<const Json*>& out) {
  auto next = [&](const Json& child) { select_from(root, child, segments, at + 1, out); };
  switch (segment.kind) {
    case PathSegment::Kind::kName:
      if (node.is_object()) {
        for (const auto& name : segment.names) {
          auto it = node.find(name);
          if (it != node.end()) next(*it);
        }
      }
      break;
    case PathSegment::Kind::kIndex:
      if (node.is_array()) {
        const auto size = static_cast<long long>(node.size());
        for (long long index : segment.indexes) {
          long long actual = index < 0 ? size + index : index;
          if (actual >= 0 && actual < size) next(node[static_cast<size_t>(actual)]);
        }
      }
      break;
    case PathSegment::Kind::kWildcard:
      if (node.is_array() || node.is_object()) {
        for (const auto& child : node) next(child);
      }
      break;
    case PathSegment::Kind::kSlice: {
      if (!node.is_array()) break;
      const auto size = static_cast<long long>(node.size());
      auto clamp = [&](std::optional<long long> value, long long fallback) {
        if (!value) return fallback;
        long long v = *value < 0 ? size + *value : *value;
        return std::clamp(v, 0LL, size);
      };
      // A step past the 64-bit range ends the slice (the next index is past its end).
      if (segment.step > 0) {
        long long start = clamp(segment.start, 0), end = clamp(segment.end, size);
        for (long long i = start; i < end;) {
          next(node[static_cast<size_t>(i)]);
          if (__builtin_add_overflow(i, segment.step, &i)) break;
        }
      } else {
        long long start = segment.start ? clamp(segment.start, size - 1) : size - 1;
        if (start >= size) start = size - 1;
        long long end = segment.end ? clamp(segment.end, -1) : -1;
        for (long long i = start; i > end;) {
          next(node[static_cast<size_t>(i)]);
          if (__builtin_add_overflow(i, segment.step, &i)) break;
        }
      }
      break;
    }
    case PathSegment::Kind::kFilter:
      if (node.is_array() || node.is_object()) {
        for (const auto& child : node) {
          if (filter_matches(*segment.filter, root, child)) next(child);
        }
      }
      break;
  }
}

void descend_all(const Json& root, const Json& node, const PathSegment& segment,
                 const std::vector<PathSegment>& segments, size_t at,
                 std::vector<const Json*>& out) {
  apply_segment(root, node, segment, segments, at, out);
  if (node.is_array() || node.is_object()) {
    for (const auto& child : node) descend_all(root, child, segment, segments, at, out);
  }
}

void select_from(const Json& root, const Json& node, const std::vector<PathSegment>& segments,
                 size_t at, std::vector<const Json*>& out) {
  if (at == segments.size()) {
    // Each match is at least one byte of a selection's JSON text: more matches
    // than kMaxPayloadBytes can never fit (and nested descents multiply them).
    if (out.size() >= kMaxPayloadBytes) {
      throw StateFailure(
          errors::kDataLimitExceeded,
          "a JSONPath selects more than " + std::to_string(kMaxPayloadBytes) + " values");
    }
    out.push_back(&node);
    return;
  }
  const PathSegment& segment = segments[at];
  if (segment.recursive) {
    descend_all(root, node, segment, segments, at, out);
  } else {
    apply_segment(root, node, segment, segments, at, out);
  }
}

std::optional<Json> operand_value(const FilterOperand& operand, const Json& root,
                                  const Json& current) {
  switch (operand.kind) {
    case FilterOperand::Kind::kLiteral:
      return operand.literal;
    case FilterOperand::Kind::kRegex:
      return Json(operand.regex);
    case FilterOperand::Kind::kCurrent:
    case FilterOperand::Kind::kRoot: {
      std::vector<const Json*> found;
      select_from(root, operand.kind == FilterOperand::Kind::kCurrent ? current : root,
                  operand.path, 0, found);
      if (found.empty()) return std::nullopt;
      return *found.front();
    }
  }
  return std::nullopt;
}

// `=~`, as Jayway: one side is a /regex/ literal, the other a string.
bool regex_matches(const FilterOperand& left, const FilterOperand& right, const Json& root,
                   const Json& current) {
  const bool left_is_pattern = left.kind == FilterOperand::Kind::kRegex;
  if (left_is_pattern == (right.kind == FilterOperand::Kind::kRegex)) return false;
  const FilterOperand& pattern = left_is_pattern ? left : right;
  const auto text = operand_value(left_is_pattern ? right : left, root, current);
  return text && text->is_string() &&
         std::regex_search(text->get_ref<const std::string&>(), *pattern.pattern);
}

bool compare(const std::string& op, const Json& left, const Json& right) {
  if (op == "==") return json_equal(left, right);
  if (op == "!=") return !json_equal(left, right);
  int order = 0;
  if (left.is_number() && right.is_number()) {
    double a = left.get<double>(), b = right.get<double>();
    order = a < b ? -1 : (a > b ? 1 : 0);
  } else if (left.is_string() && right.is_string()) {
    order = left.get<std::string>().compare(right.get<std::string>());
  } else {
    return false;
  }
  if (op == "<") return order < 0;
  if (op == "<=") return order <= 0;
  if (op == ">") return order > 0;
  return order >= 0;
}

bool filter_matches(const FilterExpr& expr, const Json& root, const Json& current) {
  switch (expr.kind) {
    case FilterExpr::Kind::kOr:
      return filter_matches(*expr.children[0], root, current) ||
             filter_matches(*expr.children[1], root, current);
    case FilterExpr::Kind::kAnd:
      return filter_matches(*expr.children[0], root, current) &&
             filter_matches(*expr.children[1], root, current);
    case FilterExpr::Kind::kNot:
      return !filter_matches(*expr.children[0], root, current);
    case FilterExpr::Kind::kExists: {
      auto value = operand_value(expr.left, root, current);
      if (!value) return false;
      if (expr.left.kind == FilterOperand::Kind::kLiteral)
        return *value != false && !value->is_null();
      return true;
    }
    case FilterExpr::Kind::kCompare: {
      if (expr.op == "=~") return regex_matches(expr.left, expr.right, root, current);
      auto left = operand_value(expr.left, root, current);
      auto right = operand_value(expr.right, root, current);
      if (!left || !right) return false;
      return compare(expr.op, *left, *right);
    }
  }
  return false;
}

std::string render(const PathSegment& segment) {
  if (segment.kind == PathSegment::Kind::kName) return "['" + segment.names.front() + "']";
  return "[" + std::to_string(segment.indexes.front()) + "]";
}

}  // namespace

bool looks_like_path(std::string_view text) { return !text.empty() && text.front() == '$'; }

JsonPath JsonPath::parse(std::string_view text) {
  JsonPath path;
  path.text_ = std::string(text);
  PathParser parser(text);
  if (!parser.eat('$')) parser.fail("a path starts with '$'");
  if (parser.eat('$')) {
    path.root_ = PathRoot::kContext;
  } else if (!parser.done() && parser.peek() != '.' && parser.peek() != '[') {
    path.root_ = PathRoot::kVariable;
    size_t begin = parser.pos();
    while (!parser.done() && parser.peek() != '.' && parser.peek() != '[') {
      char c = parser.peek();
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
        parser.fail("bad variable name");
      parser.set_pos(parser.pos() + 1);
    }
    path.variable_ = std::string(text.substr(begin, parser.pos() - begin));
  }
  path.segments_ = parser.segments(false);
  if (!parser.done()) parser.fail("unexpected character");
  for (const auto& segment : path.segments_) {
    bool single = (segment.kind == PathSegment::Kind::kName && segment.names.size() == 1) ||
                  (segment.kind == PathSegment::Kind::kIndex && segment.indexes.size() == 1);
    if (!single || segment.recursive) path.definite_ = false;
  }
  path.reference_ = path.definite_;
  return path;
}

std::vector<const Json*> JsonPath::select(const Json& root) const {
  std::vector<const Json*> out;
  select_from(root, root, segments_, 0, out);
  return out;
}

std::optional<Json> JsonPath::find(const Json& root, PathMiss* miss) const {
  if (!definite_) {
    // Matches may overlap ($..* holds every subtree): copying them is
    // bounded by the payload limit, measured before each copy.
    Json array = Json::array();
    size_t budget = kMaxPayloadBytes;
    for (const Json* node : select(root)) {
      const size_t size = core::json_size_estimate(*node, budget);
      if (size > budget) {
        throw StateFailure(errors::kDataLimitExceeded,
                           "The JSONPath '" + text_ + "' selects more than " +
                               std::to_string(kMaxPayloadBytes) + " bytes");
      }
      budget -= size;
      array.push_back(*node);
    }
    return array;
  }
  const Json* node = &root;
  for (size_t i = 0; i < segments_.size(); ++i) {
    const PathSegment& segment = segments_[i];
    const Json* child = nullptr;
    if (segment.kind == PathSegment::Kind::kName) {
      if (node->is_object()) {
        auto it = node->find(segment.names.front());
        if (it != node->end()) child = &*it;
      }
    } else if (node->is_array()) {
      const auto size = static_cast<long long>(node->size());
      long long index = segment.indexes.front();
      if (index < 0) index += size;
      if (index >= 0 && index < size) child = &(*node)[static_cast<size_t>(index)];
    }
    if (child == nullptr) {
      if (miss != nullptr) {  // the path up to the missing segment, rendered only now
        std::string rendered = "$";
        for (size_t j = 0; j <= i; ++j) rendered += render(segments_[j]);
        miss->detail = i + 1 == segments_.size() ? "No results for path: " + rendered
                                                 : "Missing property in path " + rendered;
      }
      return std::nullopt;
    }
    node = child;
  }
  return *node;
}

void JsonPath::write(Json& target, Json value) const {
  Json* node = &target;
  for (const auto& segment : segments_) {
    if (segment.kind == PathSegment::Kind::kName) {
      if (node->is_null()) *node = Json::object();
      if (!node->is_object()) {
        throw StateFailure(errors::kResultPathMatchFailure,
                           "Unable to apply ResultPath '" + text_ + "' to input " + target.dump());
      }
      const std::string& name = segment.names.front();
      if (!node->contains(name)) reserve_members(*node, 1);
      node = &(*node)[name];
    } else {
      long long index = segment.indexes.front();
      if (!node->is_array() || index < 0 || index >= static_cast<long long>(node->size())) {
        throw StateFailure(errors::kResultPathMatchFailure,
                           "Unable to apply ResultPath '" + text_ + "' to input " + target.dump());
      }
      node = &(*node)[static_cast<size_t>(index)];
    }
  }
  *node = std::move(value);
}

}  // namespace ae::states
