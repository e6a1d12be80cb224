// What a path or intrinsic argument can read while a state runs: the data
// ($), the context object ($$) and the workflow variables ($name), which live
// in nested scopes (a Map iteration or Parallel branch sees its parents'
// variables but assigns only its own).
#pragma once

#include <map>
#include <optional>
#include <random>
#include <string>

#include "states/parse/json_path.h"

namespace ae::states {

class Variables {
 public:
  explicit Variables(const Variables* parent = nullptr) : parent_(parent) {}
  // The innermost binding of `name`, or nullptr.
  const Json* find(const std::string& name) const;
  void set(const std::string& name, Json value) { values_[name] = std::move(value); }
  const std::map<std::string, Json>& local() const { return values_; }
  Json to_json() const;  // the local bindings
  void load(const Json& bindings);

 private:
  const Variables* parent_;
  std::map<std::string, Json> values_;
};

// A random engine seeded from std::random_device on first use: seeding costs
// a system call, and most executions never draw a random number.
class RandomSource {
 public:
  std::mt19937_64& engine();

 private:
  std::optional<std::mt19937_64> engine_;
};

// `context` is $$. Inside a Map iteration or a Parallel branch it holds only
// that run's own members (State, Task, Map) and `outer_context` the
// execution's (Execution, StateMachine), which every concurrent run reads
// without a copy of its own; $$ is the two together.
struct Scope {
  const Json& data;
  const Json& context;
  const Variables& variables;
  RandomSource* random = nullptr;  // for States.MathRandom / States.UUID
  const Json* outer_context = nullptr;
};

// Evaluates `path` in `scope`. A definite path that selects nothing yields
// nullopt with `miss` explaining why (Jayway's words).
std::optional<Json> evaluate_path(const JsonPath& path, const Scope& scope,
                                  PathMiss* miss = nullptr);

}  // namespace ae::states
