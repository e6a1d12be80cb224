// JSON Schema checking (draft 7, valijson), one implementation for every
// layer. A JsonSchema is compiled once from its document and is immutable
// afterwards, so one instance may be shared by threads. problems() reports
// each violation as "<JSON pointer>: <rule broken>", e.g.
//   /buy_candidates/0/score: Value is greater than the maximum (100)
// Each thread keeps one validator for the life of the thread, so a schema's
// `pattern` regexes are compiled once per thread instead of once per document.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace valijson {
class Schema;
}

namespace ae::core {

class JsonSchema {
 public:
  explicit JsonSchema(nlohmann::json document);
  ~JsonSchema();
  JsonSchema(JsonSchema&&) noexcept;
  JsonSchema& operator=(JsonSchema&&) noexcept;

  const nlohmann::json& document() const { return document_; }
  // Every violation of `target`; empty when it conforms.
  std::vector<std::string> problems(const nlohmann::json& target) const;

 private:
  nlohmann::json document_;
  std::unique_ptr<valijson::Schema> schema_;
};

}  // namespace ae::core
