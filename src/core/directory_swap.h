// Replacing a whole folder in one step, for writers that build the new
// contents beside the old ones (`ae data synth`'s market): `staging` takes
// the place of `target` through one renameat2(RENAME_EXCHANGE) - or one
// rename when `target` does not exist - so a reader, or a crash, sees either
// the old folder or the new one, never a mix; then what was `target` is
// removed (if that fails, a warning names where it is left). Both must be on one file system that
// supports the exchange (ext4, xfs, btrfs, tmpfs do); otherwise IoError naming both, and `target`
// is left as it was.
#pragma once

#include <filesystem>

namespace ae::core {

void replace_directory(const std::filesystem::path& target, const std::filesystem::path& staging);

}  // namespace ae::core
