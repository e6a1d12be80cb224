// Whole-file writes that readers can never observe half-done: the bytes go to a
// temporary file in the same directory, are fsync'ed, renamed over the target,
// and the directory is fsync'ed (kSynced; a cache may skip the fsyncs). A crash leaves either the
// old file or the new one (plus, at worst, a stray temporary that temp_prefix() identifies).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace ae::core {

// Name prefix of the temporaries; listings skip entries that start with it.
constexpr std::string_view kTempPrefix = ".ae-tmp.";

// kSynced: fsync'ed (file and directory), durable against power loss.
// kCache: temp + rename without the fsyncs - still never half-written for a
// reader or after a process crash, but a power loss may lose it; for caches
// that are recomputed when missing (the backtester's workspace).
enum class WriteDurability { kSynced, kCache };

// Creates parent directories as needed. Throws IoError naming the path (the
// target's, not the temporary's); a write refused for lack of space says
// "disk full (...)" (disk_full.h) and leaves no temporary behind.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                           WriteDurability durability = WriteDurability::kSynced);

// Reads a whole file. Throws NotFound if it does not exist, IoError otherwise.
std::string read_file(const std::filesystem::path& path);

}  // namespace ae::core
