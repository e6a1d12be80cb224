#include "core/contracts/contract_rules.h"

#include <cmath>
#include <map>

#include "core/contracts/coverage.h"
#include "core/contracts/health.h"
#include "core/contracts/order_book.h"
#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"
#include "core/error.h"

namespace ae::core {

std::string escape_pointer_token(const std::string& token) {
  std::string escaped;
  for (char c : token) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

namespace {

std::vector<std::string> prediction_problems(const nlohmann::json& document) {
  std::vector<std::string> problems;
  const auto& rows = document.at("predictions");
  const auto declared = document.at("n_predictions").get<long long>();
  if (declared != static_cast<long long>(rows.size())) {
    problems.push_back("/n_predictions: " + std::to_string(declared) + " disagrees with the " +
                       std::to_string(rows.size()) + " rows of /predictions");
  }
  std::map<std::string, size_t> first_row;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto ticker = rows[i].at("ticker").get<std::string>();
    auto [it, inserted] = first_row.emplace(ticker, i);
    if (!inserted) {
      problems.push_back("/predictions/" + std::to_string(i) + "/ticker: " + ticker +
                         " already has a row (/predictions/" + std::to_string(it->second) + ")");
    }
  }
  return problems;
}

// The document read into its struct: the reader's own rules (a date is a day
// of the calendar, a timestamp is UTC) are the contract's too.
template <class Struct>
std::vector<std::string> reader_problems(const nlohmann::json& document) {
  try {
    document.get<Struct>();
  } catch (const InvalidInput& error) {
    return {std::string("/: ") + error.what()};
  }
  return {};
}

}  // namespace

std::vector<std::string> non_finite_problems(const nlohmann::json& document) {
  const std::string rule = ": number is not finite (NaN or infinity)";
  auto non_finite = [](const nlohmann::json& node) {
    return node.is_number_float() && !std::isfinite(node.get<double>());
  };
  std::vector<std::string> problems;
  if (!document.is_structured()) {
    if (non_finite(document)) problems.push_back("/" + rule);
    return problems;
  }
  // Depth-first over explicit frames; a pointer is built only for a problem.
  struct Frame {
    nlohmann::json::const_iterator it, end;
    size_t index = 0;
    bool object = false;
  };
  std::vector<Frame> frames{{document.cbegin(), document.cend(), 0, document.is_object()}};
  auto pointer = [&frames] {
    std::string out;
    for (const auto& frame : frames)
      out +=
          "/" + (frame.object ? escape_pointer_token(frame.it.key()) : std::to_string(frame.index));
    return out;
  };
  auto advance = [](Frame& frame) {
    ++frame.it;
    ++frame.index;
  };
  while (!frames.empty()) {
    Frame& frame = frames.back();
    if (frame.it == frame.end) {
      frames.pop_back();
      if (!frames.empty()) advance(frames.back());
      continue;
    }
    const nlohmann::json& child = *frame.it;
    if (child.is_structured()) {
      frames.push_back(Frame{child.cbegin(), child.cend(), 0, child.is_object()});
      continue;
    }
    if (non_finite(child)) problems.push_back(pointer() + rule);
    advance(frame);
  }
  return problems;
}

std::vector<std::string> contract_rule_problems(Contract contract, const nlohmann::json& document) {
  switch (contract) {
    case Contract::kSignals:
      return reader_problems<Signals>(document);
    case Contract::kPredictions: {
      auto problems = prediction_problems(document);
      if (problems.empty()) problems = reader_problems<Predictions>(document);
      return problems;
    }
    case Contract::kCoverageResult:
      return reader_problems<CoverageResult>(document);
    case Contract::kOrderBook:
      return reader_problems<OrderBook>(document);
    case Contract::kHealth:
      return reader_problems<HealthRecord>(document);
  }
  return {};
}

std::string key_date_problem(const nlohmann::json& document, const std::string& key_date) {
  const auto date = document.find("date");
  if (date == document.end() || !date->is_string() || *date == key_date) return "";
  return "/date: " + date->get<std::string>() + " differs from the key's date " + key_date;
}

}  // namespace ae::core
