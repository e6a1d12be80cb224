// A CLI11 validator from a parse function of the project: the option's value
// is refused at parse time (a usage error, exit 2) with the parse function's
// own message when it throws.
#pragma once

#include <CLI/CLI.hpp>
#include <exception>
#include <functional>
#include <string>

namespace ae::cli {

inline CLI::Validator checked_by(std::function<void(const std::string&)> parse,
                                 const std::string& name) {
  return CLI::Validator(
      [parse = std::move(parse)](std::string& value) -> std::string {
        try {
          parse(value);
        } catch (const std::exception& error) {
          return error.what();
        }
        return {};
      },
      name);
}

}  // namespace ae::cli
