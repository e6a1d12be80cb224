// How a command reports its result, and the process exit codes.
//
// Text (the default) is for people. With --output json (or AE_OUTPUT=json) a
// command prints exactly one JSON document on stdout per invocation: its
// result on success, or {"error": {"kind", "message"}, "exit_code"} when it
// failed (docs/cli.md lists every command's document). Progress bars, logs and
// warnings always go to stderr, so stdout stays one document.
#pragma once

#include <exception>
#include <functional>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>

namespace ae::cli {

// 0 success; 1 the command ran and its check said no (a failed execution, an
// invalid file, a blocking data problem, drift, a refused promotion); 2 the
// command line is wrong; 3 an error stopped the command; 128 + N a signal N
// interrupted it.
enum ExitCode : int { kExitOk = 0, kExitNegative = 1, kExitUsage = 2, kExitError = 3 };

enum class OutputFormat { kText, kJson };

OutputFormat parse_output_format(const std::string& name);  // "text" | "json"

class Output {
 public:
  explicit Output(OutputFormat format = OutputFormat::kText) : format_(format) {}
  bool json() const { return format_ == OutputFormat::kJson; }

  // The command's result: `document` in JSON mode, else whatever `text` writes.
  void print(const nlohmann::json& document, const std::function<void(std::ostream&)>& text) const;
  // A result whose text form is the document itself (indented).
  void print(const nlohmann::json& document) const;
  // The same two for a document of the States engine (nlohmann::ordered_json):
  // its members are printed in their insertion order, as AWS orders them.
  void print_ordered(const nlohmann::ordered_json& document,
                     const std::function<void(std::ostream&)>& text) const;
  void print_ordered(const nlohmann::ordered_json& document) const;

  // The error document of JSON mode (nothing in text mode: main prints the
  // "error: ..." line on stderr in both modes).
  void print_error(std::string_view kind, std::string_view message, int exit_code) const;

 private:
  OutputFormat format_;
};

// "not_found", "contract_violation", "invalid_input", "io_error", "error".
std::string error_kind(const std::exception& error);

}  // namespace ae::cli
