// Binds the parameters of a set to the members of a plain config struct.
//
// A module states each parameter once, as one row of its parameter list: the
// key, the struct member, the member's C++ type, the default, the inclusive
// range, the description and the optional tuned alias. From a row come
//   - the member's declaration and default (the struct expands the list);
//   - a BoundParameter: the ParameterSpec, whose type and default follow the
//     member's C++ type, and a pointer to the member.
// From the BoundParameters come the ParameterSet's specs, the struct read out
// of a layered ParameterSet (bound_config) and a struct member read back as
// the ParameterValue its spec describes (member_value).
//
// Member types: double (a number), int and std::size_t (integers), bool,
// std::set<std::string> (a string list). typed_parameter also builds specs for
// parameters bound to no member (std::string, std::vector<std::string>).
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/parameters.h"

namespace ae::core {

template <class T>
constexpr ParameterType parameter_type_of() {
  if constexpr (std::is_same_v<T, bool>) {
    return ParameterType::kBool;
  } else if constexpr (std::is_same_v<T, double>) {
    return ParameterType::kDouble;
  } else if constexpr (std::is_integral_v<T>) {
    return ParameterType::kInt;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return ParameterType::kString;
  } else {
    static_assert(
        std::is_same_v<T, std::vector<std::string>> || std::is_same_v<T, std::set<std::string>>,
        "unsupported parameter type");
    return ParameterType::kStringList;
  }
}

// Out of line, so that visiting a string-set member pointer of a struct that
// has no such member inlines no std::set code (GCC warns about it otherwise).
ParameterValue parameter_value_of(const std::set<std::string>& value);
void assign_string_list(std::set<std::string>& field, const std::vector<std::string>& list);

template <class T>
ParameterValue parameter_value_of(const T& value) {
  if constexpr (parameter_type_of<T>() == ParameterType::kInt) {
    return static_cast<std::int64_t>(value);
  } else {
    return value;
  }
}

// A spec whose type and default follow T.
template <class T>
ParameterSpec typed_parameter(std::string key, const std::type_identity_t<T>& value, double min,
                              double max, std::string description, std::string tuned_alias = "") {
  return {std::move(key),         parameter_type_of<T>(), parameter_value_of(value), min, max,
          std::move(description), std::move(tuned_alias)};
}

template <class Config>
using MemberPointer = std::variant<double Config::*, int Config::*, std::size_t Config::*,
                                   bool Config::*, std::set<std::string> Config::*>;

template <class Config>
struct BoundParameter {
  ParameterSpec spec;
  MemberPointer<Config> member;
};

template <class Config, class T>
BoundParameter<Config> bind_parameter(T Config::*member, std::string key,
                                      const std::type_identity_t<T>& value, double min, double max,
                                      std::string description, std::string tuned_alias = "") {
  return {typed_parameter<T>(std::move(key), value, min, max, std::move(description),
                             std::move(tuned_alias)),
          member};
}

// The member's value in `config`, as its spec's type.
template <class Config>
ParameterValue member_value(const Config& config, const BoundParameter<Config>& bound) {
  return std::visit([&](auto member) { return parameter_value_of(config.*member); }, bound.member);
}

// Sets the member of `config` to the parameter's value in `parameters`.
template <class Config>
void assign_member(Config& config, const BoundParameter<Config>& bound,
                   const ParameterSet& parameters) {
  const std::string& key = bound.spec.key;
  std::visit(
      [&](auto member) {
        auto& field = config.*member;
        using T = std::remove_reference_t<decltype(field)>;
        if constexpr (std::is_same_v<T, bool>) {
          field = parameters.get_bool(key);
        } else if constexpr (std::is_same_v<T, double>) {
          field = parameters.get_double(key);
        } else if constexpr (std::is_integral_v<T>) {
          field = static_cast<T>(parameters.get_int(key));
        } else {
          assign_string_list(field, parameters.get_string_list(key));
        }
      },
      bound.member);
}

// The struct with every bound member read from `parameters` (rows: a range of
// BoundParameter<Config> or of types derived from it).
template <class Config, class Rows>
Config bound_config(const ParameterSet& parameters, const Rows& rows) {
  Config config{};
  for (const BoundParameter<Config>& row : rows) assign_member(config, row, parameters);
  return config;
}

// The specs of a range of rows, in order.
template <class Rows>
std::vector<ParameterSpec> specs_of(const Rows& rows) {
  std::vector<ParameterSpec> specs;
  for (const auto& row : rows) specs.push_back(row.spec);
  return specs;
}

}  // namespace ae::core
