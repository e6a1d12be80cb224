#include <fmt/format.h>

#include "core/error.h"
#include "tasks/task_context.h"

namespace ae::tasks {
namespace {

std::set<std::string> parse_tickers(const std::string& text) {
  std::set<std::string> out;
  std::string current;
  for (char c : text + ",") {
    if (c == ',') {
      if (!current.empty()) out.insert(current);
      current.clear();
    } else if (c != ' ') {
      current += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

}  // namespace

nlohmann::json Faults::to_json() const {
  nlohmann::json out = nlohmann::json::object();
  if (!omit_on_first_predict.empty()) out["omit-first"] = omit_on_first_predict;
  if (!omit_always.empty()) out["omit-always"] = omit_always;
  return out;
}

void add_fault(Faults& faults, const std::string& text) {
  const auto eq = text.find('=');
  const std::string kind = text.substr(0, eq);
  const auto tickers =
      eq == std::string::npos ? std::set<std::string>{} : parse_tickers(text.substr(eq + 1));
  if (tickers.empty())
    throw core::InvalidInput(fmt::format("fault '{}': expected KIND=TICKER[,TICKER...]", text));
  if (kind == "omit-first") {
    faults.omit_on_first_predict.insert(tickers.begin(), tickers.end());
  } else if (kind == "omit-always") {
    faults.omit_always.insert(tickers.begin(), tickers.end());
  } else {
    throw core::InvalidInput(
        fmt::format("fault '{}': unknown kind '{}' (known: omit-first, omit-always)", text, kind));
  }
}

}  // namespace ae::tasks
