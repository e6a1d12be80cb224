// The read-only API's answers remembered by request target (path and query):
// an answer is served again while nothing under the home has changed
// (HomeChanges::generation) and it is younger than `max_age`, since some
// pages also read the clock (a module's health goes stale as time passes).
// At most `capacity` answers are kept; when full, the cache starts over.
// Thread-safe; two requests that miss at once both make the page.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "web/home_changes.h"

namespace ae::web {

class PageCache {
 public:
  PageCache(HomeChanges& changes, std::chrono::milliseconds max_age, std::size_t capacity);

  std::string get_or_make(const std::string& target, const std::function<std::string()>& make);

 private:
  struct Page {
    std::uint64_t generation = 0;
    core::Stopwatch age;
    std::string text;
  };
  HomeChanges& changes_;
  std::chrono::milliseconds max_age_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::map<std::string, Page> pages_;
};

}  // namespace ae::web
