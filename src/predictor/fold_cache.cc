#include "predictor/fold_cache.h"

#include <string_view>

#include "core/digest.h"

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

std::shared_ptr<const XgbModel> FoldModelCache::find(const std::string& key) const {
  const std::lock_guard lock(mutex_);
  const auto found = models_.find(key);
  return found == models_.end() ? nullptr : found->second;
}

std::shared_ptr<const XgbModel> FoldModelCache::insert(const std::string& key, XgbModel model) {
  auto stored = std::make_shared<const XgbModel>(std::move(model));
  const std::lock_guard lock(mutex_);
  return models_.try_emplace(key, std::move(stored)).first->second;
}

}  // namespace ae::predictor
