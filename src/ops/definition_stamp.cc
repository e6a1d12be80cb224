#include "ops/definition_stamp.h"

#include <fmt/format.h>

#include <regex>

#include "core/digest.h"
#include "core/error.h"

namespace ae::ops {

namespace {

using nlohmann::json;

const std::regex& stamp_pattern() {
  static const std::regex kStamp(R"(^\[git:([0-9a-f]{7,40})\])");
  return kStamp;
}

std::string strip_stamp(const std::string& comment) {
  if (comment.rfind("[git:", 0) != 0) return comment;
  const auto space = comment.find(' ');
  return space == std::string::npos ? "" : comment.substr(space + 1);
}

std::string function_of(const std::string& resource, const json& parameters) {
  const std::string lambda_arn = "arn:aws:lambda:";
  if (resource.rfind(lambda_arn, 0) == 0) {
    // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
    const auto marker = resource.find(":function:");
    if (marker == std::string::npos) return "";
    auto name = resource.substr(marker + 10);
    return name.substr(0, name.find(':'));
  }
  if (resource.rfind("arn:aws:states:::lambda:invoke", 0) == 0 && parameters.is_object()) {
    for (const auto* key : {"FunctionName", "FunctionName.$"})
      if (parameters.contains(key) && parameters[key].is_string()) {
        auto name = parameters[key].get<std::string>();
        if (const auto marker = name.find(":function:"); marker != std::string::npos)
          name = name.substr(marker + 10);
        return name.substr(0, name.find(':'));
      }
  }
  return "";
}

std::optional<std::string> action_of(const json& parameters) {
  if (!parameters.is_object()) return std::nullopt;
  for (const json* holder :
       {&parameters, parameters.contains("Payload") ? &parameters["Payload"] : nullptr}) {
    if (holder != nullptr && holder->is_object() && holder->contains("action") &&
        (*holder)["action"].is_string())
      return (*holder)["action"].get<std::string>();
  }
  return std::nullopt;
}

void walk(const json& machine, std::vector<TaskReference>& out) {
  if (!machine.is_object() || !machine.contains("States") || !machine["States"].is_object()) return;
  for (const auto& [name, state] : machine["States"].items()) {
    const auto type = state.value("Type", "");
    if (type == "Task" && state.contains("Resource") && state["Resource"].is_string()) {
      auto resource = state["Resource"].get<std::string>();
      for (const auto* suffix : {".sync:2", ".sync", ".waitForTaskToken"})
        if (resource.ends_with(suffix))
          resource.resize(resource.size() - std::string(suffix).size());
      const auto parameters = state.contains("Parameters")  ? state["Parameters"]
                              : state.contains("Arguments") ? state["Arguments"]
                                                            : json();
      TaskReference reference{name, resource, std::nullopt, action_of(parameters)};
      if (auto function = function_of(resource, parameters); !function.empty())
        reference.function = function;
      out.push_back(std::move(reference));
    }
    if (type == "Parallel" && state.contains("Branches") && state["Branches"].is_array())
      for (const auto& branch : state["Branches"]) walk(branch, out);
    if (type == "Map") {
      for (const auto* key : {"ItemProcessor", "Iterator"})
        if (state.contains(key)) walk(state[key], out);
    }
  }
}

}  // namespace

json stamp_definition(json definition, const std::string& git_sha) {
  if (!std::regex_match(git_sha, std::regex("[0-9a-f]{7,40}")))
    throw core::InvalidInput(fmt::format("git sha '{}' is not 7-40 lowercase hex digits", git_sha));
  if (!definition.is_object())
    throw core::InvalidInput("a state machine definition must be an object");
  std::string comment = strip_stamp(definition.value("Comment", ""));
  while (!comment.empty() && std::isspace(static_cast<unsigned char>(comment.back())))
    comment.pop_back();
  definition["Comment"] = comment.empty() ? fmt::format("[git:{}]", git_sha)
                                          : fmt::format("[git:{}] {}", git_sha, comment);
  return definition;
}

std::optional<std::string> stamp_of(const json& definition) {
  if (!definition.is_object() || !definition.contains("Comment") ||
      !definition["Comment"].is_string())
    return std::nullopt;
  const auto comment = definition["Comment"].get<std::string>();
  std::smatch match;
  if (!std::regex_search(comment, match, stamp_pattern())) return std::nullopt;
  return match[1].str();
}

json unstamped(json definition) {
  if (definition.is_object() && definition.contains("Comment") &&
      definition["Comment"].is_string()) {
    auto comment = strip_stamp(definition["Comment"].get<std::string>());
    if (comment.empty())
      definition.erase("Comment");
    else
      definition["Comment"] = comment;
  }
  return definition;
}

std::string definition_hash(const json& definition) {
  return core::sha256_hex(unstamped(definition).dump());
}

std::vector<TaskReference> task_references(const json& definition) {
  std::vector<TaskReference> result;
  walk(definition, result);
  return result;
}

std::vector<std::string> unregistered_tasks(const json& definition, const TaskCatalog& catalog) {
  std::vector<std::string> problems;
  for (const auto& reference : task_references(definition)) {
    if (reference.function) {
      if (!catalog.functions.contains(*reference.function))
        problems.push_back(
            fmt::format("state '{}' calls function '{}', which this build does not register",
                        reference.state, *reference.function));
    } else if (!catalog.resources.contains(reference.resource)) {
      problems.push_back(
          fmt::format("state '{}' uses resource '{}', which this build does not register",
                      reference.state, reference.resource));
    }
    if (reference.action && !reference.action->starts_with("$") &&
        !catalog.actions.contains(*reference.action))
      problems.push_back(
          fmt::format("state '{}' requests action '{}', which this build does not register",
                      reference.state, *reference.action));
  }
  return problems;
}

}  // namespace ae::ops
