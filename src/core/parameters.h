// Typed, range-checked configuration parameters with layered sources.
//
// A ParameterSet is declared by the module that owns it (the executor's risk
// parameters, the predictor's, ...) as a list of ParameterSpec: a dotted key,
// a type, a default, an inclusive [min, max] range for numbers, and an optional
// flat "tuned" alias. Values are then layered, later layers winning:
//
//   1. built-in defaults (the specs)
//   2. YAML files (the shipped config/<name>.yaml, then the user's own): nested
//      maps are flattened to dotted keys. A user's file is held to account: an
//      unknown key, a wrong type, an out-of-range value or text that is not
//      UTF-8 is InvalidInput naming the file, the key, the value and the
//      allowed range.
//   3. tuned parameters (JSON written by the backtester into the store, flat
//      keys or their aliases): an out-of-range or mistyped value is *skipped*
//      with a warning, as the reference did; unknown keys are warned about and
//      ignored; listed metadata keys are ignored silently.
//
// Every value remembers where it came from (source_of) for `ae config show`.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "core/artifact_store.h"
#include "core/parameter_profile.h"

namespace ae::core {

enum class ParameterType { kInt, kDouble, kBool, kString, kStringList };

using ParameterValue =
    std::variant<std::int64_t, double, bool, std::string, std::vector<std::string>>;

struct ParameterSpec {
  std::string key;  // dotted, e.g. "strategy.exit_manager.atr_multiplier"
  ParameterType type;
  ParameterValue default_value;
  double min = 0;  // inclusive bounds, numbers only
  double max = 0;
  std::string description;
  std::string tuned_alias;  // flat key in tuned JSON, e.g. "atr_multiplier" (optional)
};

// One tuned value that was not applied, and why.
struct SkippedParameter {
  std::string key;
  std::string reason;
};

class ParameterSet {
 public:
  // Throws InvalidInput if a spec is malformed (duplicate key, default out of
  // its own range, default of the wrong type).
  ParameterSet(std::string name, std::vector<ParameterSpec> specs,
               std::set<std::string> ignored_tuned_keys = {});

  // Layer 2. Throws NotFound if the file does not exist, InvalidInput on any
  // rule broken (see above); the set is unchanged when it throws.
  void apply_yaml_file(const std::filesystem::path& path);
  void apply_yaml_text(const std::string& text, const std::string& origin);

  // Layer 3. Returns the skipped values (also logged as warnings).
  std::vector<SkippedParameter> apply_tuned(const nlohmann::json& tuned, const std::string& origin);

  std::int64_t get_int(const std::string& key) const;
  double get_double(const std::string& key) const;  // ints widen
  bool get_bool(const std::string& key) const;
  const std::string& get_string(const std::string& key) const;
  const std::vector<std::string>& get_string_list(const std::string& key) const;

  const std::string& source_of(const std::string& key) const;
  const std::string& name() const { return name_; }
  const std::vector<ParameterSpec>& specs() const { return specs_; }
  // {key: value} for every parameter, for display and for fingerprints.
  nlohmann::json to_json() const;

 private:
  struct Entry {
    ParameterValue value;
    std::string source;
  };
  const ParameterSpec& spec(const std::string& key) const;
  const Entry& entry(const std::string& key, ParameterType expected) const;
  // Converts and checks a candidate value; returns an error text or nullopt.
  std::optional<std::string> check(const ParameterSpec& spec, const nlohmann::json& value,
                                   ParameterValue& out) const;

  std::string name_;
  std::vector<ParameterSpec> specs_;
  std::map<std::string, size_t> index_;
  std::map<std::string, size_t> alias_index_;
  std::set<std::string> ignored_tuned_keys_;
  std::map<std::string, Entry> values_;
};

std::string to_string(const ParameterValue& value);

// Spec builders for the common kinds (the tuned alias is optional).
ParameterSpec number_parameter(std::string key, double value, double min, double max,
                               std::string description, std::string tuned_alias = "");
ParameterSpec integer_parameter(std::string key, std::int64_t value, double min, double max,
                                std::string description, std::string tuned_alias = "");
ParameterSpec flag_parameter(std::string key, bool value, std::string description,
                             std::string tuned_alias = "");
ParameterSpec text_parameter(std::string key, std::string value, std::string description);

// Parameter profiles: named overlays of the shipped defaults, compiled in
// from config/profiles/<profile>.<set>.yaml. kDefaultProfile ("benchmark")
// is the shipped defaults themselves; "reference" restores the reference
// system's construction. parameter_profiles() lists every profile, the
// default first; check_profile throws InvalidInput naming them for any other.
std::vector<std::string> parameter_profiles();
void check_profile(std::string_view profile);

// The shipped config/<shipped_file> (compiled in), then the profile's
// overlay of it if it has one.
void apply_shipped_layers(ParameterSet& parameters, std::string_view shipped_file,
                          std::string_view profile);

// The standard layering every stage uses: the shipped config/<shipped_file>
// (compiled in), then the profile's overlay of that file if it has one, then
// the operator's `user_file` if it exists, then the tuned JSON object at
// `tuned_key` in `store`. A bad YAML file or an unknown profile throws; a
// corrupt tuned object is skipped with a warning, bad tuned values as
// apply_tuned says.
void apply_standard_layers(ParameterSet& parameters, std::string_view shipped_file,
                           std::string_view profile, const std::filesystem::path& user_file,
                           const ArtifactStore& store, std::string_view tuned_key);

}  // namespace ae::core
