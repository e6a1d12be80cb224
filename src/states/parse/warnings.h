// Warnings about a valid definition: what it allows but a local run should
// not rely on. One line each, naming the JSON pointer of the state:
//   a Lambda or .waitForTaskToken Task without TimeoutSeconds[Path] - AWS
//   lets it run for 99999999 s; a local command task function is stopped at
//   the engine's default task timeout (InterpreterOptions::
//   default_task_timeout, docs/states.md). Service integrations (sns, ec2,
//   ssm) answer at once or have their own timeout: no warning.
#pragma once

#include <string>
#include <vector>

#include "states/parse/definition.h"

namespace ae::states {

std::vector<std::string> definition_warnings(const StateMachine& machine);

}  // namespace ae::states
