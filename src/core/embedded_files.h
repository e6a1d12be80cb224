// Files compiled into the binary at build time (cmake/embed_files.cmake): the
// JSON Schemas of schemas/ and the shipped defaults of config/. The binary
// therefore validates and configures itself identically wherever it runs.
#pragma once

#include <span>
#include <string_view>

namespace ae::core {

struct EmbeddedFile {
  std::string_view name;  // file name, e.g. "signals.schema.json"
  std::string_view contents;
};

// The contents of `name` in `files`; throws NotFound naming the file.
std::string_view find_embedded(std::span<const EmbeddedFile> files, std::string_view name);

}  // namespace ae::core

namespace ae::core::schemas {
// Every file of schemas/.
std::span<const EmbeddedFile> embedded_files();
}  // namespace ae::core::schemas

namespace ae::core::shipped_config {
// Every file of config/ (the shipped parameter defaults).
std::span<const EmbeddedFile> embedded_files();
}  // namespace ae::core::shipped_config
