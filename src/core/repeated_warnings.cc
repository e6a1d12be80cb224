#include "core/repeated_warnings.h"

#include <spdlog/spdlog.h>

#include <map>
#include <mutex>

namespace ae::core {
namespace {

struct Repeats {
  int more = 0;  // calls after the first
  std::string last_detail;
};

struct State {
  std::mutex mutex;
  int depth = 0;
  std::map<std::string, Repeats> seen;  // key -> its repeats, while a scope is open
};

State& state() {
  static State instance;
  return instance;
}

}  // namespace

RepeatedWarningScope::RepeatedWarningScope() {
  const std::lock_guard lock(state().mutex);
  ++state().depth;
}

RepeatedWarningScope::~RepeatedWarningScope() {
  std::map<std::string, Repeats> seen;
  {
    const std::lock_guard lock(state().mutex);
    if (--state().depth > 0) return;
    seen.swap(state().seen);
  }
  for (const auto& [key, repeats] : seen)
    if (repeats.more > 0)
      spdlog::warn("{}: {} more time(s) in this run, the last: {}", key, repeats.more,
                   repeats.last_detail);
}

void warn_repeated(const std::string& key, const std::string& detail) {
  {
    const std::lock_guard lock(state().mutex);
    if (state().depth > 0) {
      const auto [entry, first] = state().seen.try_emplace(key);
      if (!first) {
        ++entry->second.more;
        entry->second.last_detail = detail;
        return;
      }
    }
  }
  spdlog::warn("{}: {}", key, detail);
}

}  // namespace ae::core
