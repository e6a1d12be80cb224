#include "core/directory_swap.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <stdio.h>

#include <cerrno>
#include <cstring>

#include "core/error.h"

namespace ae::core {

void replace_directory(const std::filesystem::path& target, const std::filesystem::path& staging) {
  std::error_code error;
  const bool exists = std::filesystem::exists(target, error);
  const int code =
      exists ? ::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE)
             : ::rename(staging.c_str(), target.c_str());
  if (code != 0)
    throw IoError("cannot put '" + staging.string() + "' in place of '" + target.string() +
                  "': " + std::strerror(errno));
  if (!exists) return;
  std::filesystem::remove_all(staging, error);  // the old contents, now at `staging`
  if (error)
    spdlog::warn("'{}' is replaced; its old contents are left in '{}': {}", target.string(),
                 staging.string(), error.message());
}

}  // namespace ae::core
