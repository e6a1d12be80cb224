#include "web/assets.h"

namespace ae::web {

std::optional<Asset> find_asset(std::string_view name) {
  for (const auto& file : assets::embedded_files()) {
    if (file.name != name) continue;
    std::string type = "application/octet-stream";
    if (name.ends_with(".html")) type = "text/html; charset=utf-8";
    if (name.ends_with(".css")) type = "text/css; charset=utf-8";
    if (name.ends_with(".js")) type = "text/javascript; charset=utf-8";
    return Asset{file.contents, type};
  }
  return std::nullopt;
}

}  // namespace ae::web
