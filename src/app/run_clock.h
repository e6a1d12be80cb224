// The clock of a virtual pipeline run: starts at a chosen instant, advances
// with the real time spent working (so a state's history timestamps show its
// real cost) and jumps over every sleep (Wait states, retry delays) at once.
#pragma once

#include <mutex>

#include "core/clock.h"

namespace ae::app {

class RunClock final : public core::Clock {
 public:
  explicit RunClock(core::Timestamp start) : start_(start) {}
  core::Timestamp now() const override;
  void sleep_until(core::Timestamp instant) override;
  bool is_virtual() const override { return true; }

 private:
  mutable std::mutex mutex_;
  core::Timestamp start_;
  std::chrono::microseconds skipped_{0};
  core::Stopwatch stopwatch_;
};

}  // namespace ae::app
