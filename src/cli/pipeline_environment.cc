#include "cli/pipeline_environment.h"

#include <cstdlib>
#include <filesystem>
#include <string>

namespace ae::cli {

void prepare_child_environment(const Context& context) {
  const auto self = std::filesystem::read_symlink("/proc/self/exe").parent_path();
  const char* path = std::getenv("PATH");
  const std::string joined = self.string() + (path != nullptr ? ":" + std::string(path) : "");
  ::setenv("PATH", joined.c_str(), 1);
  ::setenv("AE_HOME", std::filesystem::absolute(context.home.root()).c_str(), 1);
}

}  // namespace ae::cli
