#include "cli/output.h"

#include <iostream>

#include "core/contracts/contract.h"
#include "core/error.h"

namespace ae::cli {

OutputFormat parse_output_format(const std::string& name) {
  if (name == "json") return OutputFormat::kJson;
  if (name == "text") return OutputFormat::kText;
  throw core::InvalidInput("unknown output format '" + name + "' (expected text or json)");
}

namespace {

// The document (indented) in JSON mode or when there is no text form, else
// the text form. One rule for both JSON flavours.
template <class JsonType>
void print_result(bool json, const JsonType& document,
                  const std::function<void(std::ostream&)>* text) {
  if (json || text == nullptr)
    std::cout << document.dump(2, ' ', false, JsonType::error_handler_t::replace) << "\n";
  else
    (*text)(std::cout);
  std::cout.flush();
}

}  // namespace

void Output::print(const nlohmann::json& document,
                   const std::function<void(std::ostream&)>& text) const {
  print_result(json(), document, &text);
}

void Output::print(const nlohmann::json& document) const {
  print_result(json(), document, nullptr);
}

void Output::print_ordered(const nlohmann::ordered_json& document,
                           const std::function<void(std::ostream&)>& text) const {
  print_result(json(), document, &text);
}

void Output::print_ordered(const nlohmann::ordered_json& document) const {
  print_result(json(), document, nullptr);
}

void Output::print_error(std::string_view kind, std::string_view message, int exit_code) const {
  if (!json()) return;
  print(
      nlohmann::json{{"error", {{"kind", kind}, {"message", message}}}, {"exit_code", exit_code}});
}

std::string error_kind(const std::exception& error) {
  if (dynamic_cast<const core::NotFound*>(&error)) return "not_found";
  if (dynamic_cast<const core::ContractViolation*>(&error)) return "contract_violation";
  if (dynamic_cast<const core::InvalidInput*>(&error)) return "invalid_input";
  if (dynamic_cast<const core::IoError*>(&error)) return "io_error";
  return "error";
}

}  // namespace ae::cli
