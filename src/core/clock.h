// Time is an input. Every component that needs "now" or needs to wait takes a
// Clock; nothing else in the project reads the wall clock.
//   RealClock    - the system clock; sleep_until really sleeps.
//   VirtualClock - time advances only when told (advance/set) or when someone
//                  sleeps: sleep_until returns at once, having moved time
//                  forward to the requested instant. Never moves backwards.
// Both are safe to share between threads.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace ae::core {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
  virtual void sleep_until(Timestamp instant) = 0;
  virtual bool is_virtual() const = 0;

  void sleep_for(std::chrono::microseconds duration) { sleep_until(now() + duration); }
};

class RealClock final : public Clock {
 public:
  Timestamp now() const override;
  void sleep_until(Timestamp instant) override;
  bool is_virtual() const override { return false; }
};

class VirtualClock final : public Clock {
 public:
  explicit VirtualClock(Timestamp start);

  Timestamp now() const override;
  // Advances to `instant` if it lies in the future; returns immediately.
  void sleep_until(Timestamp instant) override;
  bool is_virtual() const override { return true; }

  // Moves time forward by `duration` (must not be negative).
  void advance(std::chrono::microseconds duration);
  // Jumps to `instant`; throws InvalidInput if that is in the past.
  void set(Timestamp instant);

 private:
  // Microseconds since the epoch: read without a lock on every state entry.
  std::atomic<Timestamp::rep> now_;
};

// Elapsed real (monotonic) time, for measuring durations and enforcing
// timeouts on real work such as a child process. Not for business time: that
// always comes from a Clock.
// CPU time the calling thread has used so far, in seconds (benchmarks split
// a parallel loop's wall time from its threads' work).
double thread_cpu_seconds();

class Stopwatch {
 public:
  Stopwatch();
  std::chrono::nanoseconds elapsed() const;
  double elapsed_seconds() const { return std::chrono::duration<double>(elapsed()).count(); }
  // Time left until `budget` has elapsed since construction (never negative).
  std::chrono::nanoseconds remaining(std::chrono::nanoseconds budget) const;

 private:
  std::chrono::steady_clock::time_point start_;
};

// A process started by a step of a run on a virtual clock (a pipeline's
// command step) inherits that run's "now" through this environment variable
// (ISO-8601 UTC), so the whole run shares one timeline.
inline constexpr const char* kVirtualNowVariable = "AE_VIRTUAL_NOW";

// The instant in AE_VIRTUAL_NOW, if set (InvalidInput if it does not parse).
std::optional<Timestamp> inherited_virtual_now();

// "real" -> RealClock; "virtual" -> VirtualClock starting at the inherited
// virtual now if there is one, else at `virtual_start`. Anything else is
// InvalidInput.
std::unique_ptr<Clock> make_clock(std::string_view kind, Timestamp virtual_start);

// The clock a command that takes --clock uses when none is given: "virtual"
// inside a run on a virtual clock (AE_VIRTUAL_NOW is set), else $AE_CLOCK
// ("real" or "virtual"; anything else is InvalidInput), else "real" - a
// command acts on the world unless told to simulate.
inline constexpr const char* kClockVariable = "AE_CLOCK";
std::string default_clock_kind();

// The clock of a command with no clock option: a VirtualClock at the
// inherited virtual now if there is one, else the RealClock.
std::unique_ptr<Clock> make_process_clock();

}  // namespace ae::core
