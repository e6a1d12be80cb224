#include "predictor/fold_cache.h"

#include <spdlog/spdlog.h>

#include <string_view>
#include <utility>

#include "core/digest.h"
#include "core/error.h"

namespace ae::predictor {
namespace {

std::string_view bytes_of(std::span<const float> values) {
  return {reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float)};
}

}  // namespace

std::string FoldModelCache::key(const BoosterParams& params, const DenseRows& train,
                                const DenseRows& validation) {
  std::string key =
      std::to_string(params.max_rounds) + "|" + std::to_string(params.early_stopping_rounds) + "|";
  for (const auto& [name, value] : params.xgb) key += name + "=" + value + "|";
  for (const DenseRows* rows : {&train, &validation}) {
    key += std::to_string(rows->columns) + ":" + std::to_string(rows->x.size()) + ":" +
           std::to_string(rows->y.size()) + ":" + core::sha256_hex(bytes_of(rows->x)) + ":" +
           core::sha256_hex(bytes_of(rows->y)) + "|";
  }
  return key;
}

FoldModelCache::FoldModelCache(core::ArtifactStore& store, std::string prefix)
    : backing_(Backing{&store, &store, std::move(prefix)}) {}

FoldModelCache::FoldModelCache(const core::ArtifactStore& store, std::string prefix, ReadOnly)
    : backing_(Backing{&store, nullptr, std::move(prefix)}) {}

std::string FoldModelCache::stored_key(const std::string& key) const {
  return backing_->prefix + core::sha256_hex(key) + ".json";
}

std::shared_ptr<const XgbModel> FoldModelCache::find(const std::string& key) const {
  const std::lock_guard lock(mutex_);
  if (const auto found = models_.find(key); found != models_.end()) return found->second;
  if (!backing_) return nullptr;
  const auto name = stored_key(key);
  const auto bytes = backing_->reader->try_get(name);
  if (!bytes) return nullptr;
  try {
    auto model = std::make_shared<const XgbModel>(XgbModel::load_json(*bytes, name));
    used_.insert(name);
    return models_.emplace(key, std::move(model)).first->second;
  } catch (const core::Error& error) {
    const std::string_view reason = error.what();  // XGBoost's text ends in a backtrace
    spdlog::warn("predictor: fold model {} unreadable ({}); fitting it again", name,
                 reason.substr(0, reason.find('\n')));
    return nullptr;
  }
}

std::shared_ptr<const XgbModel> FoldModelCache::insert(const std::string& key, XgbModel model) {
  auto stored = std::make_shared<const XgbModel>(std::move(model));
  const std::lock_guard lock(mutex_);
  const auto [it, inserted] = models_.try_emplace(key, std::move(stored));
  if (inserted && backing_ && backing_->writer) {
    const auto name = stored_key(key);
    backing_->writer->put(name, it->second->save_json());
    used_.insert(name);
  }
  return it->second;
}

std::size_t FoldModelCache::prune_unused() {
  const std::lock_guard lock(mutex_);
  if (!backing_ || !backing_->writer) return 0;
  std::size_t removed = 0;
  for (const auto& name : backing_->writer->list(backing_->prefix))
    if (!used_.contains(name) && backing_->writer->remove(name)) ++removed;
  return removed;
}

}  // namespace ae::predictor
