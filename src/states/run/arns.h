// The ARNs of local state machines and executions, built in one place:
//   arn:aws:states:local:000000000000:stateMachine:<machine>
//   arn:aws:states:local:000000000000:execution:<machine>:<name>        STANDARD
//   arn:aws:states:local:000000000000:express:<machine>:<name>:<uuid>   EXPRESS
// and read back: parse_states_arn accepts any well-formed Step Functions ARN
// (any partition, region and account: lookups compare whole ARNs).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ae::states {

inline constexpr const char* kLocalArnPrefix = "arn:aws:states:local:000000000000:";
// The role executions report in $$.Execution.RoleArn when none is given.
inline constexpr const char* kLocalRoleArn = "arn:aws:iam::000000000000:role/ae-local-states";

std::string state_machine_arn(const std::string& machine);
std::string execution_arn(const std::string& machine, const std::string& name);
std::string express_execution_arn(const std::string& machine, const std::string& name,
                                  const std::string& uuid);

struct StatesArn {
  std::string resource_type;          // "stateMachine", "execution", "express", ...
  std::vector<std::string> resource;  // the ':'-separated parts after it
};

// nullopt unless `arn` is "arn:<partition>:states:<region>:<account>:<type>:<part>..."
// with non-empty parts.
std::optional<StatesArn> parse_states_arn(std::string_view arn);

}  // namespace ae::states
