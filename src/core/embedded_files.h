// Files compiled into the binary at build time (cmake/embed_files.cmake): the
// JSON Schemas of schemas/ and, later, the state machines of pipelines/. The
// binary therefore validates contracts identically wherever it runs.
#pragma once

#include <span>
#include <string_view>

namespace ae::core {

struct EmbeddedFile {
  std::string_view name;  // file name, e.g. "signals.schema.json"
  std::string_view contents;
};

}  // namespace ae::core

namespace ae::core::schemas {
// Every file of schemas/.
std::span<const EmbeddedFile> embedded_files();
}  // namespace ae::core::schemas
