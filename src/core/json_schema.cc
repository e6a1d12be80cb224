#include "core/json_schema.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "core/contracts/contract_rules.h"

namespace ae::core {
namespace {

// valijson context ["<root>", "[buy_candidates]", "[0]"] -> "/buy_candidates/0".
std::string to_pointer(const std::vector<std::string>& context) {
  std::string pointer;
  for (const auto& part : context) {
    if (part == "<root>") continue;
    std::string_view token = part;
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']') {
      token = token.substr(1, token.size() - 2);
    }
    if (token.size() >= 2 && token.front() == '"' && token.back() == '"') {
      token = token.substr(1, token.size() - 2);
    }
    pointer.push_back('/');
    pointer.append(escape_pointer_token(std::string(token)));
  }
  return pointer.empty() ? "/" : pointer;
}

}  // namespace

JsonSchema::JsonSchema(nlohmann::json document)
    : document_(std::move(document)), schema_(std::make_unique<valijson::Schema>()) {
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter adapter(document_);
  parser.populateSchema(adapter, *schema_);
}

JsonSchema::~JsonSchema() = default;
JsonSchema::JsonSchema(JsonSchema&&) noexcept = default;
JsonSchema& JsonSchema::operator=(JsonSchema&&) noexcept = default;

std::vector<std::string> JsonSchema::problems(const nlohmann::json& target) const {
  thread_local valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(target);
  std::vector<std::string> out;
  if (validator.validate(*schema_, adapter, &results)) return out;
  valijson::ValidationResults::Error error;
  while (results.popError(error))
    out.push_back(to_pointer(error.context) + ": " + error.description);
  return out;
}

}  // namespace ae::core
