#include "web/home.h"

#include "executor/paths.h"
#include "states/executions.h"

namespace ae::web {

Home::Home(std::filesystem::path root) : root_(std::move(root)), store_(root_ / "store") {}

std::optional<ReadOnlyDatabase> Home::executions() const {
  return ReadOnlyDatabase::open(states::executions_database(root_ / "state"));
}

std::optional<ReadOnlyDatabase> Home::ledger() const {
  return ReadOnlyDatabase::open(executor::ExecutorPaths{root_}.ledger());
}

std::optional<ReadOnlyDatabase> Home::ops() const {
  return ReadOnlyDatabase::open(root_ / "state" / "ops.db");
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
