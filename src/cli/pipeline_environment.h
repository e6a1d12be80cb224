// What the commands that run pipelines (`ae run`, `ae simulate`,
// `ae schedule`) set up before the first execution: the command steps
// (the local ssm runner) must run this very `ae` binary on this home, so its
// directory goes first on PATH (a binary named otherwise is linked as `ae`
// under the home's state/bin/, which goes first instead: never another `ae`
// found on PATH) and AE_HOME is set to the home's absolute path.
#pragma once

#include "cli/command.h"

namespace ae::cli {

void prepare_child_environment(const Context& context);

}  // namespace ae::cli
