// Checks that a plain config struct agrees with the parameter table bound to
// it: every member is bound by exactly one row, Config{} holds each row's
// default, and reading the struct from a parameter set at its built-in
// defaults gives Config{} again.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>

#include "core/parameter_binding.h"
#include "core/parameters.h"

namespace ae::test {

// Converts to any member type, so that brace-initialising an aggregate with
// N of these compiles exactly when it has at least N members.
struct AnyMember {
  template <class T>
  operator T() const;  // NOLINT(google-explicit-constructor)
};

template <class Aggregate, class... Members>
constexpr std::size_t member_count() {
  if constexpr (requires { Aggregate{Members{}..., AnyMember{}}; }) {
    return member_count<Aggregate, Members..., AnyMember>();
  } else {
    return sizeof...(Members);
  }
}

template <class Config>
std::ptrdiff_t member_offset(const Config& config, const core::BoundParameter<Config>& row) {
  return std::visit(
      [&](auto member) {
        return reinterpret_cast<const char*>(&(config.*member)) -
               reinterpret_cast<const char*>(&config);
      },
      row.member);
}

// `rows`: the table (BoundParameter<Config> or derived); `defaults`: the
// parameter set at its built-in defaults, which must declare every row.
template <class Config, class Rows>
void expect_struct_pinned_to_table(const Rows& rows, const core::ParameterSet& defaults) {
  const Config config{};
  EXPECT_EQ(member_count<Config>(), std::size(rows))
      << "a member is declared outside the parameter list";
  std::set<std::ptrdiff_t> offsets;
  const auto loaded = core::bound_config<Config>(defaults, rows);
  for (const core::BoundParameter<Config>& row : rows) {
    const std::string& key = row.spec.key;
    EXPECT_TRUE(offsets.insert(member_offset(config, row)).second) << key << " rebinds a member";
    EXPECT_EQ(core::member_value(config, row), row.spec.default_value) << key;
    EXPECT_EQ(core::member_value(loaded, row), row.spec.default_value) << key;
  }
}

}  // namespace ae::test
