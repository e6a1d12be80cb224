// Whole-file writes that readers can never observe half-done: the bytes go to a
// temporary file in the same directory, are fsync'ed, renamed over the target,
// and the directory is fsync'ed. A crash leaves either the old file or the new
// one (plus, at worst, a stray temporary that temp_prefix() identifies).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace ae::core {

// Name prefix of the temporaries; listings skip entries that start with it.
constexpr std::string_view kTempPrefix = ".ae-tmp.";

// Creates parent directories as needed. Throws IoError naming the path.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// Reads a whole file. Throws NotFound if it does not exist, IoError otherwise.
std::string read_file(const std::filesystem::path& path);

}  // namespace ae::core
