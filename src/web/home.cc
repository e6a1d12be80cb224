#include "web/home.h"

#include "core/error.h"
#include "executor/paths.h"
#include "states/executions.h"

namespace ae::web {

namespace {

class EmptyStore final : public core::ArtifactStore {
 public:
  std::string get(std::string_view key) const override {
    throw core::NotFound("no object " + std::string(key) + " (the home has no store yet)");
  }
  void put(std::string_view key, std::string_view) override {
    throw core::InvalidInput("the dashboard never writes (" + std::string(key) + ")");
  }
  bool exists(std::string_view) const override { return false; }
  std::vector<std::string> list(std::string_view) const override { return {}; }
  bool remove(std::string_view) override { return false; }
};

}  // namespace

Home::Home(std::filesystem::path root) : root_(std::move(root)) {}

const core::ArtifactStore& Home::store() const {
  static const EmptyStore kEmpty;
  const std::lock_guard lock(mutex_);
  std::error_code error;
  if (!store_ && std::filesystem::is_directory(root_ / "store", error))
    store_.emplace(root_ / "store");
  if (store_) return *store_;
  return kEmpty;
}

std::optional<ReadOnlyDatabase> Home::executions() const {
  return ReadOnlyDatabase::open(states::executions_database(root_ / "state"));
}

std::optional<ReadOnlyDatabase> Home::ledger() const {
  return ReadOnlyDatabase::open(executor::ExecutorPaths{root_}.ledger());
}

std::optional<ReadOnlyDatabase> Home::ops() const {
  return ReadOnlyDatabase::open(root_ / "state" / "ops.db");
}

Json Home::contract(core::Contract contract, const std::string& key) const {
  core::validate_key(key);
  const auto path = root_ / "store" / key;
  std::error_code error;
  const auto modified = std::filesystem::last_write_time(path, error);
  const auto size = error ? 0 : std::filesystem::file_size(path, error);
  if (error) return core::read_contract(store(), contract, key);  // NotFound, as the store says
  const std::string slot = std::string(core::contract_name(contract)) + ":" + key;
  {
    const std::lock_guard lock(cache_mutex_);
    const auto found = contracts_.find(slot);
    if (found != contracts_.end() && found->second.modified == modified &&
        found->second.size == size)
      return found->second.document;
  }
  Json document = core::read_contract(store(), contract, key);
  const std::lock_guard lock(cache_mutex_);
  if (contracts_.size() >= kMaxCachedContracts) contracts_.clear();
  contracts_[slot] = {modified, size, document};
  return document;
}

std::optional<Json> store_json(const Home& home, const std::string& key) {
  auto text = home.store().try_get(key);
  if (!text) return std::nullopt;
  return Json::parse(*text);
}

Json clip_json(const Json& value, size_t max_chars) {
  std::string text = value.dump();
  if (text.size() <= max_chars) return value;
  text.resize(max_chars);
  return Json{{"truncated", true}, {"preview", text}};
}

}  // namespace ae::web
