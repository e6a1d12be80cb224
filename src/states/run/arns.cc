#include "states/run/arns.h"

namespace ae::states {
namespace {

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t begin = 0;
  while (true) {
    const size_t end = text.find(separator, begin);
    parts.emplace_back(text.substr(begin, end == std::string_view::npos ? end : end - begin));
    if (end == std::string_view::npos) return parts;
    begin = end + 1;
  }
}

}  // namespace

std::string state_machine_arn(const std::string& machine) {
  return kLocalArnPrefix + std::string("stateMachine:") + machine;
}

std::string execution_arn(const std::string& machine, const std::string& name) {
  return kLocalArnPrefix + std::string("execution:") + machine + ":" + name;
}

std::string express_execution_arn(const std::string& machine, const std::string& name,
                                  const std::string& uuid) {
  return kLocalArnPrefix + std::string("express:") + machine + ":" + name + ":" + uuid;
}

std::optional<StatesArn> parse_states_arn(std::string_view arn) {
  auto parts = split(arn, ':');
  // arn, partition, service, region, account, type, resource...
  if (parts.size() < 7 || parts[0] != "arn" || parts[2] != "states") return std::nullopt;
  for (const auto& part : parts)
    if (part.empty()) return std::nullopt;
  return StatesArn{parts[5], std::vector<std::string>(parts.begin() + 6, parts.end())};
}

}  // namespace ae::states
