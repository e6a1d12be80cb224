#include "app/faults.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cctype>

#include "core/error.h"

namespace ae::app {
namespace {

std::set<std::string> parse_list(const std::string& text, bool upper) {
  std::set<std::string> out;
  std::string current;
  for (char c : text + ",") {
    if (c == ',') {
      if (!current.empty()) out.insert(current);
      current.clear();
    } else if (c != ' ') {
      current += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    }
  }
  return out;
}

constexpr const char* kKnownKinds =
    "omit-first, omit-always, fail-on, task-fail, task-timeout, command-fail, corrupt, missing, "
    "notifier-down";

}  // namespace

bool Faults::any() const { return !to_json().empty(); }

nlohmann::json Faults::to_json() const {
  nlohmann::json out = nlohmann::json::object();
  const auto put = [&](const char* kind, const std::set<std::string>& values) {
    if (!values.empty()) out[kind] = values;
  };
  put("omit-first", omit_on_first_predict);
  put("omit-always", omit_always);
  put("fail-on", fail_on);
  put("task-fail", failing_tasks);
  put("task-timeout", timing_out_tasks);
  put("command-fail", failing_commands);
  put("corrupt", corrupt_artifacts);
  put("missing", missing_artifacts);
  if (notifier_down) out["notifier-down"] = true;
  return out;
}

Faults Faults::from_json(const nlohmann::json& recorded) {
  Faults faults;
  if (!recorded.is_object())
    throw core::InvalidInput("recorded faults are not an object: " + recorded.dump());
  for (const auto& [kind, values] : recorded.items()) {
    if (values.is_boolean()) {
      if (values.get<bool>()) add_fault(faults, kind);
      continue;
    }
    if (!values.is_array())
      throw core::InvalidInput("recorded fault '" + kind + "' is not a list: " + values.dump());
    std::string list;
    for (const auto& value : values) list += (list.empty() ? "" : ",") + value.get<std::string>();
    add_fault(faults, kind + "=" + list);
  }
  return faults;
}

void add_fault(Faults& faults, const std::string& text) {
  const auto eq = text.find('=');
  const std::string kind = text.substr(0, eq);
  if (kind == "notifier-down" && eq == std::string::npos) {
    faults.notifier_down = true;
    return;
  }
  const std::string args = eq == std::string::npos ? "" : text.substr(eq + 1);
  const bool tickers = kind == "omit-first" || kind == "omit-always" || kind == "fail-on";
  const auto values = parse_list(args, tickers);
  const auto target = [&]() -> std::set<std::string>* {
    if (kind == "omit-first") return &faults.omit_on_first_predict;
    if (kind == "omit-always") return &faults.omit_always;
    if (kind == "fail-on") return &faults.fail_on;
    if (kind == "task-fail") return &faults.failing_tasks;
    if (kind == "task-timeout") return &faults.timing_out_tasks;
    if (kind == "command-fail") return &faults.failing_commands;
    if (kind == "corrupt") return &faults.corrupt_artifacts;
    if (kind == "missing") return &faults.missing_artifacts;
    return nullptr;
  }();
  if (target == nullptr)
    throw core::InvalidInput(
        fmt::format("fault '{}': unknown kind '{}' (known: {})", text, kind, kKnownKinds));
  if (values.empty())
    throw core::InvalidInput(fmt::format("fault '{}': expected {}=VALUE[,VALUE...]", text, kind));
  if (kind == "corrupt" || kind == "missing")
    for (const auto& artifact : values)
      if (artifact != "signals" && artifact != "predictions")
        throw core::InvalidInput(fmt::format(
            "fault '{}': '{}' is not an artifact (signals or predictions)", text, artifact));
  target->insert(values.begin(), values.end());
}

}  // namespace ae::app
