// The artifact store: an S3-shaped key space ("signals/2026-04-20/signals.json",
// "predictor/predictions/latest.json", "health/executor.json", ...) that every
// stage reads and writes through. Contract:
//   - put is atomic: a reader sees the old object or the new one, never a part;
//   - get of a missing key throws NotFound, any other failure IoError (callers
//     may treat NotFound as "absent" but must treat IoError as a hard failure);
//   - keys are validated on every call (validate_key) and rejected with
//     InvalidInput: empty, absolute, "." or ".." segments, empty segments,
//     backslash, NUL or other control characters, or a trailing '/'.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/atomic_file.h"

namespace ae::core {

void validate_key(std::string_view key);

class ArtifactStore {
 public:
  virtual ~ArtifactStore() = default;

  virtual std::string get(std::string_view key) const = 0;
  virtual void put(std::string_view key, std::string_view bytes) = 0;
  virtual bool exists(std::string_view key) const = 0;
  // Every key that starts with `prefix` (plain string prefix, as S3), sorted.
  virtual std::vector<std::string> list(std::string_view prefix) const = 0;
  // Returns false if the key did not exist.
  virtual bool remove(std::string_view key) = 0;

  // get, with NotFound mapped to nullopt; every other error still throws.
  std::optional<std::string> try_get(std::string_view key) const;
};

// Objects are files under `root` (normally $AE_HOME/store/), keys are relative
// paths. Temporaries from interrupted puts are invisible to get/list.
class FileSystemStore final : public ArtifactStore {
 public:
  explicit FileSystemStore(std::filesystem::path root,
                           WriteDurability durability = WriteDurability::kSynced);

  std::string get(std::string_view key) const override;
  void put(std::string_view key, std::string_view bytes) override;
  bool exists(std::string_view key) const override;
  std::vector<std::string> list(std::string_view prefix) const override;
  bool remove(std::string_view key) override;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path path_of(std::string_view key) const;

  std::filesystem::path root_;
  WriteDurability durability_;
};

}  // namespace ae::core
