// The dashboard's static pages (web/*.html, *.css, *.js), compiled into the
// binary by cmake/embed_files.cmake. Only these names are ever served as
// files: there is no file-system path from a URL.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/embedded_files.h"

namespace ae::web::assets {
std::span<const core::EmbeddedFile> embedded_files();
}  // namespace ae::web::assets

namespace ae::web {

struct Asset {
  std::string_view bytes;
  std::string content_type;
};

// The embedded asset `name` (e.g. "app.js"), nullopt when there is none.
std::optional<Asset> find_asset(std::string_view name);

}  // namespace ae::web
