#include "app/run_clock.h"

namespace ae::app {

core::Timestamp RunClock::now() const {
  const std::lock_guard lock(mutex_);
  return start_ + skipped_ +
         std::chrono::duration_cast<std::chrono::microseconds>(stopwatch_.elapsed());
}

void RunClock::sleep_until(core::Timestamp instant) {
  const auto current = now();
  const std::lock_guard lock(mutex_);
  if (instant > current) skipped_ += instant - current;
}

}  // namespace ae::app
