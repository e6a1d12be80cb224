#include "cli/pipeline_environment.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace ae::cli {
namespace {

namespace fs = std::filesystem;

// The directory whose `ae` is this binary: its own, or, when it has another
// name, the home's state/bin/ holding a link named `ae` to it (replaced
// atomically, so concurrent runs never see it missing).
fs::path directory_of_this_ae(const core::Home& home) {
  const auto self = fs::read_symlink("/proc/self/exe");
  if (self.filename() == "ae") return self.parent_path();
  const auto bin = home.state() / "bin";
  fs::create_directories(bin);
  const auto temporary = bin / ("ae." + std::to_string(::getpid()) + ".tmp");
  fs::remove(temporary);
  fs::create_symlink(self, temporary);
  fs::rename(temporary, bin / "ae");
  return fs::absolute(bin);
}

}  // namespace

void prepare_child_environment(const Context& context) {
  const auto directory = directory_of_this_ae(context.home);
  const char* path = std::getenv("PATH");
  const std::string joined = directory.string() + (path != nullptr ? ":" + std::string(path) : "");
  ::setenv("PATH", joined.c_str(), 1);
  ::setenv("AE_HOME", fs::absolute(context.home.root()).c_str(), 1);
}

}  // namespace ae::cli
