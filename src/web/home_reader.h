// How the dashboard reads a home ($AE_HOME, laid out as core::Home says): the
// artifact store, and the SQLite databases other layers own through those
// layers' read-only readers. Every reader in src/web takes a HomeReader; none
// writes. A database that does not exist yet is simply absent (its reader is
// nullopt), so a fresh home serves empty pages, not errors.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/artifact_store.h"
#include "core/contracts/contract.h"
#include "core/home.h"
#include "executor/ledger/ledger_reader.h"
#include "ops/alarm_state_reader.h"
#include "ops/metric_reader.h"
#include "states/store/history_reader.h"

namespace ae::web {

using Json = nlohmann::json;

class HomeReader {
 public:
  explicit HomeReader(std::filesystem::path root);

  const core::Home& layout() const { return layout_; }
  // The store under root/store; until that directory exists (a home being
  // made), a store with nothing in it: reading never creates the directory.
  const core::ArtifactStore& store() const;

  std::optional<states::HistoryReader> executions() const;  // state/states/executions.sqlite
  std::optional<executor::LedgerReader> ledger() const;     // state/executor/ledger.db
  std::optional<ops::AlarmStateReader> alarms() const;      // state/ops.db
  std::optional<ops::MetricReader> metrics() const;         // state/ops.db

  // core::read_contract of `key`, remembered while the object's file keeps
  // its size and modification time (writers replace files atomically, so a
  // new object is a new file): pages re-read the same contract files on
  // every request and schema validation dominates their cost. NotFound when
  // absent; a violation throws as read_contract does (and is not remembered).
  Json contract(core::Contract contract, const std::string& key) const;

 private:
  core::Home layout_;
  mutable std::mutex mutex_;
  mutable std::optional<core::FileSystemStore> store_;  // set once, never reset

  struct CachedContract {
    std::filesystem::file_time_type modified;
    std::uintmax_t size = 0;
    Json document;
  };
  static constexpr size_t kMaxCachedContracts = 2048;
  mutable std::mutex cache_mutex_;
  mutable std::map<std::string, CachedContract> contracts_;
};

// The store object at `key` parsed as JSON, nullopt when absent.
std::optional<Json> store_json(const HomeReader& home, const std::string& key);

// Truncates a JSON value for display: values whose text is longer than
// `max_chars` become {"truncated": true, "preview": "<first chars>"}.
Json clip_json(const Json& value, size_t max_chars);

}  // namespace ae::web
