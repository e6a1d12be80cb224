#include "core/embedded_files.h"

#include <string>

#include "core/error.h"

namespace ae::core {

std::string_view find_embedded(std::span<const EmbeddedFile> files, std::string_view name) {
  for (const auto& file : files) {
    if (file.name == name) return file.contents;
  }
  throw NotFound("'" + std::string(name) + "' is not compiled into this build");
}

}  // namespace ae::core
