#include "states/parse/intrinsics.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <set>

#include "core/base64.h"
#include "core/digest.h"
#include "core/error.h"
#include "core/json_limits.h"
#include "core/text.h"
#include "states/parse/java_hash_order.h"
#include "states/parse/limits.h"
#include "states/run/failure.h"

namespace ae::states {

enum class IntrinsicFunction {
  kFormat,
  kStringToJson,
  kJsonToString,
  kArray,
  kArrayPartition,
  kArrayContains,
  kArrayRange,
  kArrayGetItem,
  kArrayLength,
  kArrayUnique,
  kBase64Encode,
  kBase64Decode,
  kHash,
  kJsonMerge,
  kMathRandom,
  kMathAdd,
  kStringSplit,
  kUUID,
};

struct IntrinsicNode {
  enum class Kind { kLiteral, kPath, kCall } kind = Kind::kLiteral;
  Json literal;
  std::string raw;  // a string literal as written (escapes kept), for Format
  std::optional<JsonPath> path;
  std::string function;
  IntrinsicFunction id = IntrinsicFunction::kFormat;  // `function`, resolved when parsed
  std::vector<std::shared_ptr<const IntrinsicNode>> args;
};

namespace {

using core::InvalidInput;

// Each function's id and how many arguments it takes.
struct Signature {
  IntrinsicFunction id;
  size_t min;
  size_t max;
};

const std::map<std::string, Signature, std::less<>>& signatures() {
  using F = IntrinsicFunction;
  static const std::map<std::string, Signature, std::less<>> table = {
      {"States.Format", {F::kFormat, 1, 1000}},
      {"States.StringToJson", {F::kStringToJson, 1, 1}},
      {"States.JsonToString", {F::kJsonToString, 1, 1}},
      {"States.Array", {F::kArray, 0, 1000}},
      {"States.ArrayPartition", {F::kArrayPartition, 2, 2}},
      {"States.ArrayContains", {F::kArrayContains, 2, 2}},
      {"States.ArrayRange", {F::kArrayRange, 3, 3}},
      {"States.ArrayGetItem", {F::kArrayGetItem, 2, 2}},
      {"States.ArrayLength", {F::kArrayLength, 1, 1}},
      {"States.ArrayUnique", {F::kArrayUnique, 1, 1}},
      {"States.Base64Encode", {F::kBase64Encode, 1, 1}},
      {"States.Base64Decode", {F::kBase64Decode, 1, 1}},
      {"States.Hash", {F::kHash, 2, 2}},
      {"States.JsonMerge", {F::kJsonMerge, 3, 3}},
      {"States.MathRandom", {F::kMathRandom, 2, 3}},
      {"States.MathAdd", {F::kMathAdd, 2, 2}},
      {"States.StringSplit", {F::kStringSplit, 2, 2}},
      {"States.UUID", {F::kUUID, 0, 0}},
  };
  return table;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw InvalidInput("invalid intrinsic function '" + std::string(text_) + "': " + what);
  }
  void skip_spaces() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool at_end() const { return pos_ >= text_.size(); }

  std::shared_ptr<const IntrinsicNode> call() {
    if (++nesting_ > kMaxExpressionNesting)
      fail("calls nested deeper than " + std::to_string(kMaxExpressionNesting) + " levels");
    size_t begin = pos_;
    while (pos_ < text_.size() && text_[pos_] != '(') ++pos_;
    auto node = std::make_shared<IntrinsicNode>();
    node->kind = IntrinsicNode::Kind::kCall;
    node->function = std::string(text_.substr(begin, pos_ - begin));
    while (!node->function.empty() && node->function.back() == ' ') node->function.pop_back();
    auto signature = signatures().find(node->function);
    if (signature == signatures().end()) fail("unknown function '" + node->function + "'");
    node->id = signature->second.id;
    if (at_end()) fail("expected '('");
    ++pos_;
    skip_spaces();
    if (pos_ < text_.size() && text_[pos_] == ')') {
      ++pos_;
    } else {
      while (true) {
        node->args.push_back(argument());
        skip_spaces();
        if (at_end()) fail("expected ')'");
        if (text_[pos_] == ')') {
          ++pos_;
          break;
        }
        if (text_[pos_] != ',') fail("expected ',' or ')'");
        ++pos_;
      }
    }
    if (node->args.size() < signature->second.min || node->args.size() > signature->second.max) {
      fail(node->function + " takes " + std::to_string(signature->second.min) +
           (signature->second.max != signature->second.min ? "+" : "") + " arguments, got " +
           std::to_string(node->args.size()));
    }
    --nesting_;
    return node;
  }

  std::shared_ptr<const IntrinsicNode> argument() {
    skip_spaces();
    if (at_end()) fail("expected an argument");
    auto node = std::make_shared<IntrinsicNode>();
    char c = text_[pos_];
    if (c == '\'') {
      ++pos_;
      std::string value, raw;
      while (true) {
        if (at_end()) fail("unterminated string literal");
        char ch = text_[pos_++];
        if (ch == '\'') break;
        if (ch == '\\' && !at_end()) {
          char next = text_[pos_++];
          raw += ch;
          raw += next;
          if (next == '\'' || next == '{' || next == '}' || next == '\\') {
            value += next;
          } else {
            value += ch;
            value += next;
          }
          continue;
        }
        raw += ch;
        value += ch;
      }
      node->literal = value;
      node->raw = raw;
      return node;
    }
    if (c == '$') {
      size_t begin = pos_;
      int depth = 0;
      char quote = 0;
      while (!at_end()) {
        char ch = text_[pos_];
        if (quote != 0) {
          if (ch == quote) quote = 0;
        } else if (ch == '\'' || ch == '"') {
          quote = ch;
        } else if (ch == '[' || ch == '(') {
          ++depth;
        } else if (ch == ']' || (ch == ')' && depth > 0)) {
          --depth;
        } else if (depth == 0 && (ch == ',' || ch == ')')) {
          break;
        }
        ++pos_;
      }
      std::string path_text(text_.substr(begin, pos_ - begin));
      while (!path_text.empty() && path_text.back() == ' ') path_text.pop_back();
      node->kind = IntrinsicNode::Kind::kPath;
      node->path = JsonPath::parse(path_text);
      return node;
    }
    if (text_.substr(pos_, 7) == "States.") return call();
    size_t begin = pos_;
    while (!at_end() && text_[pos_] != ',' && text_[pos_] != ')') ++pos_;
    std::string token(text_.substr(begin, pos_ - begin));
    while (!token.empty() && token.back() == ' ') token.pop_back();
    try {
      node->literal = Json::parse(token);
    } catch (const Json::exception&) {
      fail("bad argument '" + token + "'");
    }
    if (!node->literal.is_primitive() || node->literal.is_string())
      fail("bad argument '" + token + "'");
    return node;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t nesting_ = 0;  // calls open around the one being parsed
};

[[noreturn]] void bad(const std::string& function, const std::string& what) {
  throw StateFailure(errors::kIntrinsicFailure, "Invalid arguments in " + function + ": " + what);
}

const Json& want(const std::string& fn, const std::vector<Json>& args, size_t i, Json::value_t type,
                 const char* name) {
  const Json& value = args[i];
  bool ok = type == Json::value_t::number_integer ? value.is_number() : value.type() == type;
  if (type == Json::value_t::number_unsigned) ok = value.is_number();
  if (!ok)
    bad(fn, "argument " + std::to_string(i + 1) + " must be " + name + ", got " + value.dump());
  return value;
}

// Argument i (a number) as a 64-bit integer; `number` is its value as a
// whole double (rounded or truncated by the caller) when it is a float. A
// value outside the 64-bit range is an invalid argument, never a wrap.
long long to_long(const std::string& fn, size_t i, const Json& value, double number) {
  constexpr double kLimit = 9223372036854775808.0;  // 2^63
  const bool outside = value.is_number_unsigned()
                           ? value.get<std::uint64_t>() > static_cast<std::uint64_t>(LLONG_MAX)
                           : value.is_number_float() && !(number >= -kLimit && number < kLimit);
  if (outside) {
    bad(fn, "argument " + std::to_string(i + 1) + " (" + value.dump() +
                ") is outside the 64-bit integer range");
  }
  return value.is_number_float() ? static_cast<long long>(number) : value.get<long long>();
}

long long want_integer(const std::string& fn, const std::vector<Json>& args, size_t i) {
  const Json& value = want(fn, args, i, Json::value_t::number_integer, "a number");
  const double number = value.get<double>();
  if (value.is_number_float() && number != std::floor(number))
    bad(fn, "argument " + std::to_string(i + 1) + " must be an integer");
  return to_long(fn, i, value, number);
}

// Values as AWS's Java runtime prints them inside States.Format:
// {key=value, ...} for objects, [a, b] for arrays, strings unquoted.
std::string format_value(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [key, child] : value.items()) {
      if (!first) out += ", ";
      first = false;
      out += key + "=" + format_value(child);
    }
    return out + "}";
  }
  if (value.is_array()) {
    std::string out = "[";
    for (size_t i = 0; i < value.size(); ++i) {
      if (i > 0) out += ", ";
      out += format_value(value[i]);
    }
    return out + "]";
  }
  return value.dump();
}

// `object`'s members in java.util.HashMap's order, as AWS orders the objects
// States.JsonMerge builds (java_hash_order.h).
Json in_java_hash_order(Json object) {
  std::vector<std::string> names;
  for (const auto& [key, value] : object.items()) names.push_back(key);
  Json out = Json::object();
  reserve_members(out, names.size());
  for (size_t position : java_hash_map_order(names))
    out[names[position]] = std::move(object[names[position]]);
  return out;
}

// `right`'s members over `left`'s: with `deep`, an object member present on
// both sides merges, anything else replaces. Every object the merge builds is
// in HashMap order. The recursion is as deep as the values, which
// json_limits.h bounds.
Json merge_objects(const Json& left, const Json& right, bool deep) {
  Json out = left;
  reserve_members(out, right.size());
  for (const auto& [key, value] : right.items()) {
    auto it = out.find(key);
    if (deep && it != out.end() && it->is_object() && value.is_object()) {
      *it = merge_objects(*it, value, true);
    } else {
      out[key] = value;
    }
  }
  return in_java_hash_order(std::move(out));
}

Json format(const IntrinsicNode& node, const std::vector<Json>& args) {
  const std::string fn = "States.Format";
  if (!args[0].is_string()) bad(fn, "the template must be a string");
  const IntrinsicNode& first = *node.args[0];
  const std::string templ =
      first.kind == IntrinsicNode::Kind::kLiteral ? first.raw : args[0].get<std::string>();
  std::string out;
  size_t next = 1;
  for (size_t i = 0; i < templ.size(); ++i) {
    char c = templ[i];
    if (c == '\\' && i + 1 < templ.size()) {
      out += templ[++i];
    } else if (c == '{' && i + 1 < templ.size() && templ[i + 1] == '}') {
      if (next >= args.size()) bad(fn, "more placeholders than arguments");
      out += format_value(args[next++]);
      ++i;
    } else {
      out += c;
    }
  }
  if (next != args.size()) bad(fn, "more arguments than placeholders");
  return out;
}

Json call(const IntrinsicNode& node, const std::vector<Json>& args, const Scope& scope) {
  const std::string& fn = node.function;
  using T = Json::value_t;
  using F = IntrinsicFunction;
  switch (node.id) {
    case F::kFormat:
      return format(node, args);
    case F::kStringToJson: {
      const auto& text = want(fn, args, 0, T::string, "a string").get<std::string>();
      if (text.find_first_not_of(" \t\r\n") == std::string::npos) return nullptr;
      try {
        return core::parse_json<Json>(text);
      } catch (const Json::exception&) {
        bad(fn, "not valid JSON: " + text.substr(0, 200));
      } catch (const core::JsonTooDeep& e) {
        bad(fn, e.what());
      }
    }
    case F::kJsonToString:
      return args[0].dump();
    case F::kArray:
      return Json(args);
    case F::kArrayPartition: {
      const Json& array = want(fn, args, 0, T::array, "an array");
      long long size = want_integer(fn, args, 1);
      if (size <= 0) bad(fn, "the chunk size must be positive");
      Json out = Json::array();
      for (size_t i = 0; i < array.size(); i += static_cast<size_t>(size)) {
        Json chunk = Json::array();
        for (size_t j = i; j < std::min(array.size(), i + static_cast<size_t>(size)); ++j)
          chunk.push_back(array[j]);
        out.push_back(std::move(chunk));
      }
      return out;
    }
    case F::kArrayContains: {
      const Json& array = want(fn, args, 0, T::array, "an array");
      return std::any_of(array.begin(), array.end(),
                         [&](const Json& item) { return json_equal(item, args[1]); });
    }
    case F::kArrayRange: {
      long long first = want_integer(fn, args, 0), last = want_integer(fn, args, 1),
                step = want_integer(fn, args, 2);
      if (step == 0) bad(fn, "the step must not be 0");
      Json out = Json::array();
      for (long long v = first; step > 0 ? v <= last : v >= last;) {
        out.push_back(v);
        if (out.size() > 1000) bad(fn, "the range has more than 1000 items");
        if (__builtin_add_overflow(v, step, &v)) break;  // the next value is past `last`
      }
      return out;
    }
    case F::kArrayGetItem: {
      const Json& array = want(fn, args, 0, T::array, "an array");
      long long index = want_integer(fn, args, 1);
      if (index < 0 || index >= static_cast<long long>(array.size()))
        bad(fn, "index " + std::to_string(index) + " is out of bounds");
      return array[static_cast<size_t>(index)];
    }
    case F::kArrayLength:
      return want(fn, args, 0, T::array, "an array").size();
    case F::kArrayUnique: {
      const Json& array = want(fn, args, 0, T::array, "an array");
      Json out = Json::array();
      for (const auto& item : array) {
        if (std::none_of(out.begin(), out.end(),
                         [&](const Json& kept) { return json_equal(kept, item); }))
          out.push_back(item);
      }
      return out;
    }
    case F::kBase64Encode: {
      const auto& text = want(fn, args, 0, T::string, "a string").get<std::string>();
      if (text.size() > 10000) bad(fn, "the input exceeds 10000 characters");
      return core::base64_encode(text);
    }
    case F::kBase64Decode: {
      const auto& text = want(fn, args, 0, T::string, "a string").get<std::string>();
      if (text.size() > 10000) bad(fn, "the input exceeds 10000 characters");
      auto decoded = core::base64_decode(text);
      if (!decoded) bad(fn, "not valid Base64: " + text);
      // A JSON string holds text: bytes that are not UTF-8 read as U+FFFD.
      return core::to_valid_utf8(*decoded);
    }
    case F::kHash: {
      if (args[0].is_null()) bad(fn, "the data must not be null");
      const std::string data = format_value(args[0]);
      const auto& algorithm = want(fn, args, 1, T::string, "a string").get<std::string>();
      if (data.size() > 10000) bad(fn, "the input exceeds 10000 characters");
      using core::DigestAlgorithm;
      static const std::map<std::string, DigestAlgorithm> kAlgorithms = {
          {"MD5", DigestAlgorithm::kMd5},
          {"SHA-1", DigestAlgorithm::kSha1},
          {"SHA-256", DigestAlgorithm::kSha256},
          {"SHA-384", DigestAlgorithm::kSha384},
          {"SHA-512", DigestAlgorithm::kSha512}};
      if (const auto it = kAlgorithms.find(algorithm); it != kAlgorithms.end())
        return core::digest_hex(it->second, data);
      bad(fn, "unknown algorithm '" + algorithm + "' (MD5, SHA-1, SHA-256, SHA-384, SHA-512)");
    }
    case F::kJsonMerge: {
      const Json& left = want(fn, args, 0, T::object, "an object");
      const Json& right = want(fn, args, 1, T::object, "an object");
      const bool deep = want(fn, args, 2, T::boolean, "a boolean").get<bool>();
      return merge_objects(left, right, deep);
    }
    case F::kMathRandom: {
      auto truncated = [&](size_t i) {
        const Json& value = want(fn, args, i, T::number_integer, "a number");
        return to_long(fn, i, value, std::trunc(value.get<double>()));
      };
      const long long start = truncated(0), end = truncated(1);
      if (end <= start) bad(fn, "the end must be greater than the start");
      std::uniform_int_distribution<long long> pick(start, end - 1);
      if (args.size() == 3) {
        std::mt19937_64 seeded(static_cast<std::uint64_t>(want_integer(fn, args, 2)));
        return pick(seeded);
      }
      RandomSource fallback;
      return pick(scope.random != nullptr ? scope.random->engine() : fallback.engine());
    }
    case F::kMathAdd: {
      auto round_half_up = [&](size_t i) {
        const Json& value = want(fn, args, i, T::number_integer, "a number");
        return to_long(fn, i, value, std::floor(value.get<double>() + 0.5));
      };
      const long long a = round_half_up(0), b = round_half_up(1);
      long long sum = 0;
      if (__builtin_add_overflow(a, b, &sum)) {
        bad(fn, "the sum of " + std::to_string(a) + " and " + std::to_string(b) +
                    " is outside the 64-bit integer range");
      }
      return sum;
    }
    case F::kStringSplit: {
      const auto& text = want(fn, args, 0, T::string, "a string").get<std::string>();
      const auto& delimiters = want(fn, args, 1, T::string, "a string").get<std::string>();
      // Splits on each character of the delimiters, never inside one.
      const auto delimiter_characters = core::utf8_characters(delimiters);
      Json out = Json::array();
      std::string current;
      for (const std::string_view c : core::utf8_characters(text)) {
        if (std::find(delimiter_characters.begin(), delimiter_characters.end(), c) !=
            delimiter_characters.end()) {
          if (!current.empty()) out.push_back(current);
          current.clear();
        } else {
          current += c;
        }
      }
      if (!current.empty()) out.push_back(current);
      return out;
    }
    case F::kUUID: {
      RandomSource fallback;
      return make_uuid(scope.random != nullptr ? scope.random->engine() : fallback.engine());
    }
  }
  bad(fn, "unknown function");
}

Json evaluate_node(const IntrinsicNode& node, const Scope& scope) {
  switch (node.kind) {
    case IntrinsicNode::Kind::kLiteral:
      return node.literal;
    case IntrinsicNode::Kind::kPath: {
      PathMiss miss;
      auto value = evaluate_path(*node.path, scope, &miss);
      if (!value) {
        throw runtime_failure("The JSONPath '" + node.path->text() +
                              "' could not be found in the input '" + scope.data.dump() + "'");
      }
      return *value;
    }
    case IntrinsicNode::Kind::kCall: {
      std::vector<Json> args;
      args.reserve(node.args.size());
      for (const auto& arg : node.args) args.push_back(evaluate_node(*arg, scope));
      return call(node, args, scope);
    }
  }
  return nullptr;
}

}  // namespace

bool looks_like_intrinsic(std::string_view text) { return text.substr(0, 7) == "States."; }

Intrinsic Intrinsic::parse(std::string_view text) {
  Intrinsic out;
  out.text_ = std::string(text);
  Parser parser(text);
  out.root_ = parser.call();
  parser.skip_spaces();
  if (!parser.at_end()) parser.fail("unexpected text after the call");
  return out;
}

Json Intrinsic::evaluate(const Scope& scope) const { return evaluate_node(*root_, scope); }

std::string make_uuid(std::mt19937_64& random) {
  std::uint64_t hi = random(), lo = random();
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%08llx-%04llx-%04llx-%04llx-%012llx",
                static_cast<unsigned long long>(hi >> 32),
                static_cast<unsigned long long>((hi >> 16) & 0xffff),
                static_cast<unsigned long long>(hi & 0xffff),
                static_cast<unsigned long long>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return buffer;
}

}  // namespace ae::states
