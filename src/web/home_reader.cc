#include "web/home_reader.h"

#include "core/error.h"

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

HomeReader::HomeReader(std::filesystem::path root) : layout_(std::move(root)) {}

const core::ArtifactStore& HomeReader::store() const {
  static const EmptyStore kEmpty;
  const std::lock_guard lock(mutex_);
  std::error_code error;
  if (!store_ && std::filesystem::is_directory(layout_.store(), error))
    store_.emplace(layout_.store());
  if (store_) return *store_;
  return kEmpty;
}

std::optional<states::HistoryReader> HomeReader::executions() const {
  return states::HistoryReader::open(layout_.executions_database());
}

std::optional<executor::LedgerReader> HomeReader::ledger() const {
  return executor::LedgerReader::open(layout_.ledger());
}

std::optional<ops::AlarmStateReader> HomeReader::alarms() const {
  return ops::AlarmStateReader::open(layout_.ops_database());
}

std::optional<ops::MetricReader> HomeReader::metrics() const {
  return ops::MetricReader::open(layout_.ops_database());
}

Json HomeReader::contract(core::Contract contract, const std::string& key) const {
  core::validate_key(key);
  const auto path = layout_.store() / key;
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

std::optional<Json> store_json(const HomeReader& home, const std::string& key) {
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
