#include "web/page_cache.h"

namespace ae::web {

PageCache::PageCache(HomeChanges& changes, std::chrono::milliseconds max_age, std::size_t capacity)
    : changes_(changes), max_age_(max_age), capacity_(capacity) {}

std::string PageCache::get_or_make(const std::string& target,
                                   const std::function<std::string()>& make) {
  const std::uint64_t generation = changes_.generation();  // before reading the home
  const core::Stopwatch made;  // a new page's age counts from before it is made
  {
    const std::lock_guard lock(mutex_);
    const auto found = pages_.find(target);
    if (found != pages_.end() && found->second.generation == generation &&
        found->second.age.elapsed() < max_age_)
      return found->second.text;
  }
  std::string text = make();
  const std::lock_guard lock(mutex_);
  if (pages_.size() >= capacity_) pages_.clear();
  pages_[target] = {generation, made, text};
  return text;
}

}  // namespace ae::web
