#include "states/run/crash_at_state.h"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "core/error.h"

namespace ae::states {

CrashPoint CrashPoint::parse(const std::string& spec) {
  CrashPoint point;
  const auto hash = spec.rfind('#');
  point.state = spec.substr(0, hash);
  if (hash != std::string::npos) {
    try {
      std::size_t used = 0;
      point.occurrence = std::stoi(spec.substr(hash + 1), &used);
      if (used != spec.size() - hash - 1) point.occurrence = 0;
    } catch (const std::exception&) {
      point.occurrence = 0;
    }
  }
  if (point.state.empty() || point.occurrence < 1)
    throw core::InvalidInput("a crash point is STATE or STATE#N (N >= 1), got '" + spec + "'");
  return point;
}

void CrashAtState::record(HistoryEvent event) {
  if (event.state == point_.state && event.type.ends_with("StateEntered") &&
      ++seen_ == point_.occurrence)
    armed_ = true;
  durable_.record(std::move(event));
}

bool CrashAtState::wants_checkpoint(bool side_effects) {
  return durable_.wants_checkpoint(side_effects) || armed_;
}

void CrashAtState::checkpoint(const Checkpoint& checkpoint, bool side_effects) {
  durable_.checkpoint(checkpoint, side_effects);
  if (armed_ && checkpoint.state == point_.state) {
    spdlog::warn("crash injected at the entry of state {} (#{})", point_.state, point_.occurrence);
    spdlog::default_logger()->flush();
    ::kill(::getpid(), SIGKILL);
  }
}

}  // namespace ae::states
