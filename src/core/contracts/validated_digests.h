// Contract documents already validated, remembered by the SHA-256 of their
// bytes, so that a cache read again and again (the backtester's workspace
// reads a year of prediction files on every run) is read without running the
// schema again: bytes with the digest of bytes validated before under the
// same key are those bytes. Anything else - a key not seen, a file changed
// in one bit - is validated in full (read_contract) and, when valid,
// remembered; so is a document the caller has just written with
// write_contract, which validated it before the put. A digest check is
// stronger than the schema for this use: a corrupted number that the schema
// would accept changes the digest.
//
// Remembered in one store object (`index_key`), written by save() with one
// atomic put when something was added; an unreadable index is discarded
// (logged) and rebuilt by validating. Reads are safe from several threads.
#pragma once

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/artifact_store.h"
#include "core/contracts/contract.h"

namespace ae::core {

class ValidatedDigests {
 public:
  ValidatedDigests(ArtifactStore& store, std::string index_key);

  // The bytes of `key` once they passed `contract`'s schema, with read_contract's
  // errors (NotFound passes through). Bytes validated before under `key` are
  // returned unparsed: the caller parses them its own way. `sha256`, when
  // given, receives the bytes' SHA-256 (hex).
  std::string read(Contract contract, std::string_view key, std::string* sha256 = nullptr) const;

  // Remembers bytes the caller has just written under `key` with
  // write_contract, which validated them against `contract`'s schema, by
  // their SHA-256 (hex): a later read of those bytes skips the schema.
  void remember_written(Contract contract, std::string_view key, std::string_view sha256);

  // Writes the index if read() remembered anything new since the last save.
  void save();

 private:
  ArtifactStore& store_;
  std::string index_key_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::string, std::less<>> digests_;  // key -> sha256 hex
  mutable bool changed_ = false;
};

}  // namespace ae::core
