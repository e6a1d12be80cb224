#include "core/parameters.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/closest_names.h"
#include "core/embedded_files.h"
#include "core/error.h"
#include "core/text.h"

namespace ae::core {
namespace {

const char* type_name(ParameterType type) {
  switch (type) {
    case ParameterType::kInt:
      return "an integer";
    case ParameterType::kDouble:
      return "a number";
    case ParameterType::kBool:
      return "a boolean";
    case ParameterType::kString:
      return "a string";
    case ParameterType::kStringList:
      return "a list of strings";
  }
  return "?";
}

std::string format_number(double value) {
  nlohmann::json j = value;
  return j.dump();
}

std::string range_text(const ParameterSpec& spec) {
  return "[" + format_number(spec.min) + ", " + format_number(spec.max) + "]";
}

std::string yaml_text(const YAML::Node& node) {
  YAML::Emitter emitter;
  emitter << YAML::Flow << node;
  return emitter.c_str();
}

// The names of a user's file, checked as the file is flattened.
struct YamlNames {
  const std::map<std::string, size_t>& keys;  // the set's keys
  const std::string& origin;
  const std::string& set_name;
  std::set<std::string> seen;
};

// The set's keys, for a hint next to an unknown one.
std::vector<std::string> key_list(const std::map<std::string, size_t>& keys) {
  std::vector<std::string> out;
  for (const auto& [key, index] : keys) out.push_back(key);
  return out;
}

// Flattens nested YAML maps into dotted keys; the leaves (scalars, sequences,
// and a map given for a key) are kept. Each name is checked as it is met: not
// a plain scalar, neither a key of the set nor a prefix of one, or met twice
// is InvalidInput. So the walk visits each key at most once however the
// file's aliases repeat a map (it expanded them all first: a 1 KB file of
// nested aliases took gigabytes).
void flatten(const YAML::Node& node, const std::string& prefix, YamlNames& names,
             std::vector<std::pair<std::string, YAML::Node>>& out) {
  for (const auto& item : node) {
    if (!item.first.IsScalar())
      throw InvalidInput(names.origin + ": a parameter name must be a plain word, got '" +
                         yaml_text(item.first) + "'");
    const std::string key = prefix + item.first.Scalar();
    if (!names.seen.insert(key).second)
      throw InvalidInput(names.origin + ": parameter '" + key + "' is given twice");
    const bool is_key = names.keys.contains(key);
    const auto after = names.keys.lower_bound(key + ".");
    const bool is_prefix = after != names.keys.end() && after->first.starts_with(key + ".");
    const bool group = item.second.IsMap() && !is_key;
    if (group ? !is_prefix : !is_key)
      throw InvalidInput(names.origin + ": unknown parameter '" + key + "' for " + names.set_name +
                         did_you_mean(key, key_list(names.keys)));
    if (group) {
      flatten(item.second, key + ".", names, out);
    } else {
      out.emplace_back(key, item.second);
    }
  }
}

// Converts a YAML leaf to JSON the way the spec's type asks; nullopt if it cannot.
std::optional<nlohmann::json> yaml_to_json(const YAML::Node& node, ParameterType type) {
  try {
    switch (type) {
      case ParameterType::kInt: {
        if (!node.IsScalar()) return std::nullopt;
        return nlohmann::json(node.as<std::int64_t>());
      }
      case ParameterType::kDouble: {
        if (!node.IsScalar()) return std::nullopt;
        return nlohmann::json(node.as<double>());
      }
      case ParameterType::kBool: {
        if (!node.IsScalar()) return std::nullopt;
        return nlohmann::json(node.as<bool>());
      }
      case ParameterType::kString: {
        if (!node.IsScalar()) return std::nullopt;
        return nlohmann::json(node.as<std::string>());
      }
      case ParameterType::kStringList: {
        if (!node.IsSequence()) return std::nullopt;
        nlohmann::json list = nlohmann::json::array();
        for (const auto& item : node) {
          if (!item.IsScalar()) return std::nullopt;
          list.push_back(item.as<std::string>());
        }
        return list;
      }
    }
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::string to_string(const ParameterValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<T, double>) {
          return format_number(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::string>) {
          return v;
        } else {
          return nlohmann::json(v).dump();
        }
      },
      value);
}

ParameterSet::ParameterSet(std::string name, std::vector<ParameterSpec> specs,
                           std::set<std::string> ignored_tuned_keys)
    : name_(std::move(name)),
      specs_(std::move(specs)),
      ignored_tuned_keys_(std::move(ignored_tuned_keys)) {
  for (size_t i = 0; i < specs_.size(); ++i) {
    const auto& s = specs_[i];
    if (!index_.emplace(s.key, i).second) {
      throw InvalidInput("parameter set '" + name_ + "': duplicate key '" + s.key + "'");
    }
    if (!s.tuned_alias.empty() && !alias_index_.emplace(s.tuned_alias, i).second) {
      throw InvalidInput("parameter set '" + name_ + "': duplicate tuned alias '" + s.tuned_alias +
                         "'");
    }
    ParameterValue converted;
    const nlohmann::json as_json =
        std::visit([](const auto& v) { return nlohmann::json(v); }, s.default_value);
    if (auto error = check(s, as_json, converted)) {
      throw InvalidInput("parameter set '" + name_ + "': default of '" + s.key + "' " + *error);
    }
    values_[s.key] = Entry{converted, "default"};
  }
}

std::optional<std::string> ParameterSet::check(const ParameterSpec& s, const nlohmann::json& value,
                                               ParameterValue& out) const {
  switch (s.type) {
    case ParameterType::kInt: {
      if (value.is_number_integer()) {
        out = value.get<std::int64_t>();
      } else if (value.is_number_float() && std::isfinite(value.get<double>()) &&
                 std::floor(value.get<double>()) == value.get<double>()) {
        out = static_cast<std::int64_t>(value.get<double>());
      } else {
        return "must be " + std::string(type_name(s.type)) + ", got " + value.dump();
      }
      const auto v = std::get<std::int64_t>(out);
      if (static_cast<double>(v) < s.min || static_cast<double>(v) > s.max) {
        return "= " + std::to_string(v) + " is outside the allowed range " + range_text(s);
      }
      return std::nullopt;
    }
    case ParameterType::kDouble: {
      if (!value.is_number())
        return "must be " + std::string(type_name(s.type)) + ", got " + value.dump();
      const double v = value.get<double>();
      if (!std::isfinite(v)) return "must be a finite number, got " + format_number(v);
      if (v < s.min || v > s.max)
        return "= " + format_number(v) + " is outside the allowed range " + range_text(s);
      out = v;
      return std::nullopt;
    }
    case ParameterType::kBool:
      if (!value.is_boolean())
        return "must be " + std::string(type_name(s.type)) + ", got " + value.dump();
      out = value.get<bool>();
      return std::nullopt;
    case ParameterType::kString:
      if (!value.is_string())
        return "must be " + std::string(type_name(s.type)) + ", got " + value.dump();
      if (!is_valid_utf8(value.get_ref<const std::string&>())) return "must be UTF-8 text";
      out = value.get<std::string>();
      return std::nullopt;
    case ParameterType::kStringList: {
      if (!value.is_array())
        return "must be " + std::string(type_name(s.type)) + ", got " + value.dump();
      std::vector<std::string> list;
      for (const auto& item : value) {
        if (!item.is_string())
          return "must be " + std::string(type_name(s.type)) + ", got " + value.dump();
        if (!is_valid_utf8(item.get_ref<const std::string&>())) return "must be UTF-8 text";
        list.push_back(item.get<std::string>());
      }
      out = std::move(list);
      return std::nullopt;
    }
  }
  return "has an unknown type";
}

void ParameterSet::apply_yaml_file(const std::filesystem::path& path) {
  apply_yaml_text(read_file(path), path.string());
}

void ParameterSet::apply_yaml_text(const std::string& text, const std::string& origin) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InvalidInput(origin + ": not valid YAML: " + e.what());
  }
  if (root.IsNull()) return;  // an empty file changes nothing
  if (!root.IsMap())
    throw InvalidInput(origin + ": expected a mapping of parameter names to values");

  std::vector<std::pair<std::string, YAML::Node>> leaves;
  YamlNames names{index_, origin, name_, {}};
  flatten(root, "", names, leaves);
  std::map<std::string, Entry> staged;
  for (const auto& [key, node] : leaves) {
    const auto& s = specs_[index_.at(key)];
    auto as_json = yaml_to_json(node, s.type);
    if (!as_json) {
      throw InvalidInput(origin + ": parameter '" + key + "' must be " + type_name(s.type) +
                         ", got '" + yaml_text(node) + "'");
    }
    ParameterValue converted;
    if (auto error = check(s, *as_json, converted)) {
      throw InvalidInput(origin + ": parameter '" + key + "' " + *error);
    }
    staged[key] = Entry{std::move(converted), origin};
  }
  for (auto& [key, value] : staged) values_[key] = std::move(value);
}

std::vector<SkippedParameter> ParameterSet::apply_tuned(const nlohmann::json& tuned,
                                                        const std::string& origin) {
  std::vector<SkippedParameter> skipped;
  if (!tuned.is_object()) {
    skipped.push_back({"", "tuned parameters in " + origin + " are not a JSON object; ignored"});
    spdlog::warn("{}: {}", name_, skipped.back().reason);
    return skipped;
  }
  for (const auto& [key, value] : tuned.items()) {
    if (ignored_tuned_keys_.count(key)) continue;
    const ParameterSpec* s = nullptr;
    if (auto it = alias_index_.find(key); it != alias_index_.end()) {
      s = &specs_[it->second];
    } else if (auto direct = index_.find(key); direct != index_.end()) {
      s = &specs_[direct->second];
    }
    if (s == nullptr) {
      skipped.push_back({key, "unknown tuned parameter; ignored"});
    } else {
      ParameterValue converted;
      if (auto error = check(*s, value, converted)) {
        skipped.push_back({key, "tuned value " + *error + "; skipped"});
      } else {
        values_[s->key] = Entry{std::move(converted), origin};
        continue;
      }
    }
    spdlog::warn("{}: {} '{}': {}", name_, origin, skipped.back().key, skipped.back().reason);
  }
  return skipped;
}

const ParameterSpec& ParameterSet::spec(const std::string& key) const {
  auto it = index_.find(key);
  if (it == index_.end())
    throw NotFound("parameter set '" + name_ + "' has no parameter '" + key + "'" +
                   did_you_mean(key, key_list(index_)));
  return specs_[it->second];
}

const ParameterSet::Entry& ParameterSet::entry(const std::string& key,
                                               ParameterType expected) const {
  const auto& s = spec(key);
  const bool widening = expected == ParameterType::kDouble && s.type == ParameterType::kInt;
  if (s.type != expected && !widening) {
    throw InvalidInput("parameter '" + key + "' of " + name_ + " is " + type_name(s.type) +
                       ", not " + type_name(expected));
  }
  return values_.at(key);
}

std::int64_t ParameterSet::get_int(const std::string& key) const {
  return std::get<std::int64_t>(entry(key, ParameterType::kInt).value);
}

double ParameterSet::get_double(const std::string& key) const {
  const auto& value = entry(key, ParameterType::kDouble).value;
  if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
  return std::get<double>(value);
}

bool ParameterSet::get_bool(const std::string& key) const {
  return std::get<bool>(entry(key, ParameterType::kBool).value);
}

const std::string& ParameterSet::get_string(const std::string& key) const {
  return std::get<std::string>(entry(key, ParameterType::kString).value);
}

const std::vector<std::string>& ParameterSet::get_string_list(const std::string& key) const {
  return std::get<std::vector<std::string>>(entry(key, ParameterType::kStringList).value);
}

const std::string& ParameterSet::source_of(const std::string& key) const {
  spec(key);
  return values_.at(key).source;
}

nlohmann::json ParameterSet::to_json() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& s : specs_) {
    out[s.key] =
        std::visit([](const auto& v) { return nlohmann::json(v); }, values_.at(s.key).value);
  }
  return out;
}

ParameterSpec number_parameter(std::string key, double value, double min, double max,
                               std::string description, std::string tuned_alias) {
  return {std::move(key),         ParameterType::kDouble, value, min, max,
          std::move(description), std::move(tuned_alias)};
}

ParameterSpec integer_parameter(std::string key, std::int64_t value, double min, double max,
                                std::string description, std::string tuned_alias) {
  return {std::move(key),         ParameterType::kInt,   value, min, max,
          std::move(description), std::move(tuned_alias)};
}

ParameterSpec flag_parameter(std::string key, bool value, std::string description,
                             std::string tuned_alias) {
  return {std::move(key),         ParameterType::kBool,  value, 0, 0,
          std::move(description), std::move(tuned_alias)};
}

ParameterSpec text_parameter(std::string key, std::string value, std::string description) {
  return {
      std::move(key), ParameterType::kString, std::move(value), 0, 0, std::move(description), ""};
}

namespace {

// The profile of an embedded overlay's name ("reference.risk.yaml" ->
// "reference"); empty for a shipped defaults file ("risk.yaml").
std::string_view profile_of(std::string_view file_name) {
  const auto first = file_name.find('.');
  if (first == std::string_view::npos || file_name.find('.', first + 1) == std::string_view::npos)
    return {};
  return file_name.substr(0, first);
}

}  // namespace

std::vector<std::string> parameter_profiles() {
  std::vector<std::string> out = {std::string(kDefaultProfile)};
  for (const auto& file : shipped_config::embedded_files()) {
    const auto profile = profile_of(file.name);
    if (!profile.empty() && std::find(out.begin(), out.end(), profile) == out.end())
      out.emplace_back(profile);
  }
  return out;
}

void check_profile(std::string_view profile) {
  const auto known = parameter_profiles();
  if (std::find(known.begin(), known.end(), profile) == known.end())
    throw InvalidInput(fmt::format("unknown parameter profile '{}' (profiles: {})", profile,
                                   fmt::join(known, ", ")));
}

void apply_shipped_layers(ParameterSet& parameters, std::string_view shipped_file,
                          std::string_view profile) {
  check_profile(profile);
  parameters.apply_yaml_text(
      std::string(find_embedded(shipped_config::embedded_files(), shipped_file)),
      "config/" + std::string(shipped_file));
  const std::string overlay = std::string(profile) + "." + std::string(shipped_file);
  for (const auto& file : shipped_config::embedded_files())
    if (file.name == overlay)
      parameters.apply_yaml_text(std::string(file.contents), "config/profiles/" + overlay);
}

void apply_standard_layers(ParameterSet& parameters, std::string_view shipped_file,
                           std::string_view profile, const std::filesystem::path& user_file,
                           const ArtifactStore& store, std::string_view tuned_key) {
  apply_shipped_layers(parameters, shipped_file, profile);
  if (!user_file.empty() && std::filesystem::exists(user_file))
    parameters.apply_yaml_file(user_file);
  if (auto tuned = store.try_get(tuned_key)) {
    const auto document = nlohmann::json::parse(*tuned, nullptr, /*allow_exceptions=*/false);
    const std::string origin = "store:" + std::string(tuned_key);
    if (document.is_discarded()) {
      spdlog::warn("{}: {} is not valid JSON; tuned parameters ignored", parameters.name(),
                   tuned_key);
    } else {
      parameters.apply_tuned(document, origin);
    }
  }
}

}  // namespace ae::core
