// The build's identity: the project version and the git sha of the tree it was
// built from (embedded at build time by cmake/write_version.cmake; "unknown"
// outside a git checkout, suffixed "-dirty" when tracked files were modified).
#pragma once

#include <string_view>

namespace ae::core {

std::string_view version();
std::string_view git_sha();

}  // namespace ae::core
