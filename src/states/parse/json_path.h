// JSONPath as Amazon States Language uses it (Jayway semantics, as AWS runs):
//   roots      $ (the data), $$ (the context object), $name (a variable);
//   segments   .name  ['name']  ["name"]  [n]  [-n]  [a,b]  ['x','y']  [*]  .*
//              [start:end:step]  ..name  ..*  [?(filter)];
//   filters    @ / $ paths, literals (numbers, 'strings', true/false/null),
//              == != < <= > >= =~ /regex/, && || ! and parentheses; a bare
//              path tests existence. =~ matches a string against a /regex/
//              literal, compiled when the path is parsed.
// A path is parsed once (JsonPath::parse, InvalidInput on bad syntax) and
// evaluated many times. A definite path (only names and single indexes)
// selects at most one value; an indefinite one yields an array of matches.
// A reference path (definite, no filters) can also be written to (ResultPath).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "states/parse/json.h"

namespace ae::states {

enum class PathRoot { kData, kContext, kVariable };

struct FilterExpr;

struct PathSegment {
  enum class Kind { kName, kIndex, kWildcard, kSlice, kFilter };
  Kind kind = Kind::kName;
  bool recursive = false;                    // '..' descent
  std::vector<std::string> names;            // kName (several for a union)
  std::vector<long long> indexes;            // kIndex (several for a union)
  std::optional<long long> start, end;       // kSlice
  long long step = 1;                        // kSlice
  std::shared_ptr<const FilterExpr> filter;  // kFilter
};

// Why a definite path selected nothing, worded as Jayway words it.
struct PathMiss {
  std::string detail;  // e.g. "No results for path: $['a']" or "Missing property in path $['a']"
};

class JsonPath {
 public:
  // Throws ae::core::InvalidInput naming the text on a syntax error.
  static JsonPath parse(std::string_view text);

  const std::string& text() const { return text_; }
  PathRoot root() const { return root_; }
  const std::string& variable() const { return variable_; }  // for kVariable
  bool is_definite() const { return definite_; }
  // Definite and made only of names and indexes (writable).
  bool is_reference() const { return reference_; }
  const std::vector<PathSegment>& segments() const { return segments_; }

  // Every node the path selects in `root`, in document order.
  std::vector<const Json*> select(const Json& root) const;
  // Definite: the value, or the reason it is missing. Indefinite: an array of
  // every match (possibly empty), never a miss.
  std::optional<Json> find(const Json& root, PathMiss* miss = nullptr) const;
  // Writes `value` at this reference path inside `target`, creating objects
  // for missing names. Throws StateFailure(States.ResultPathMatchFailure) when
  // the path crosses a value that is not an object (or array, for indexes).
  void write(Json& target, Json value) const;

 private:
  std::string text_;
  PathRoot root_ = PathRoot::kData;
  std::string variable_;
  std::vector<PathSegment> segments_;
  bool definite_ = true;
  bool reference_ = true;
};

// True when `text` starts like a path ("$", "$.x", "$$.x", "$var.x", "$[...]").
bool looks_like_path(std::string_view text);

}  // namespace ae::states
