#include "core/clock.h"

#include <cstdlib>
#include <ctime>
#include <thread>

#include "core/error.h"

namespace ae::core {

Timestamp RealClock::now() const {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

void RealClock::sleep_until(Timestamp instant) { std::this_thread::sleep_until(instant); }

VirtualClock::VirtualClock(Timestamp start) : now_(start.time_since_epoch().count()) {}

Timestamp VirtualClock::now() const {
  return Timestamp(Timestamp::duration(now_.load(std::memory_order_acquire)));
}

void VirtualClock::sleep_until(Timestamp instant) {
  const Timestamp::rep target = instant.time_since_epoch().count();
  Timestamp::rep current = now_.load(std::memory_order_acquire);
  while (target > current && !now_.compare_exchange_weak(current, target)) {
  }
}

void VirtualClock::advance(std::chrono::microseconds duration) {
  if (duration.count() < 0) throw InvalidInput("a virtual clock cannot move backwards");
  now_.fetch_add(duration.count());
}

void VirtualClock::set(Timestamp instant) {
  const Timestamp::rep target = instant.time_since_epoch().count();
  Timestamp::rep current = now_.load(std::memory_order_acquire);
  do {
    if (target < current) {
      throw InvalidInput("a virtual clock cannot move backwards (now " +
                         format_timestamp(Timestamp(Timestamp::duration(current))) +
                         ", asked for " + format_timestamp(instant) + ")");
    }
  } while (!now_.compare_exchange_weak(current, target));
}

Stopwatch::Stopwatch() : start_(std::chrono::steady_clock::now()) {}

std::chrono::nanoseconds Stopwatch::elapsed() const {
  return std::chrono::steady_clock::now() - start_;
}

std::chrono::nanoseconds Stopwatch::remaining(std::chrono::nanoseconds budget) const {
  const auto left = budget - elapsed();
  return left.count() > 0 ? left : std::chrono::nanoseconds{0};
}

std::optional<Timestamp> inherited_virtual_now() {
  const char* text = std::getenv(kVirtualNowVariable);
  if (text == nullptr || *text == '\0') return std::nullopt;
  try {
    return parse_timestamp(text);
  } catch (const Error& error) {
    throw InvalidInput(std::string(kVirtualNowVariable) + ": " + error.what());
  }
}

std::unique_ptr<Clock> make_clock(std::string_view kind, Timestamp virtual_start) {
  if (kind == "real") return std::make_unique<RealClock>();
  if (kind == "virtual")
    return std::make_unique<VirtualClock>(inherited_virtual_now().value_or(virtual_start));
  throw InvalidInput("unknown clock '" + std::string(kind) + "' (expected real or virtual)");
}

std::string default_clock_kind() {
  if (inherited_virtual_now()) return "virtual";
  const char* text = std::getenv(kClockVariable);
  if (text == nullptr || *text == '\0') return "real";
  const std::string kind = text;
  if (kind != "real" && kind != "virtual")
    throw InvalidInput(std::string(kClockVariable) + "='" + kind + "': expected real or virtual");
  return kind;
}

std::unique_ptr<Clock> make_process_clock() {
  if (const auto now = inherited_virtual_now()) return std::make_unique<VirtualClock>(*now);
  return std::make_unique<RealClock>();
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace ae::core
