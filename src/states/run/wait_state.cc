#include <algorithm>
#include <climits>
#include <cstdint>

#include "states/parse/limits.h"
#include "states/parse/timestamp.h"
#include "states/run/failure.h"
#include "states/run/internal/execution_run.h"

namespace ae::states {

void ExecutionRun::stop_if_requested() {
  if (cancelled()) throw Cancelled{};
  if (history_ == nullptr) return;
  auto lock = lock_shared();
  if (history_->stop_requested()) throw Aborted{};
}

void ExecutionRun::wait_until(core::Timestamp until) {
  if (history_ != nullptr && !clock_.is_virtual() && clock_.now() < until) {
    auto lock = lock_shared();
    history_->flush();
  }
  while (clock_.now() < until) {
    stop_if_requested();
    clock_.sleep_until(
        clock_.is_virtual() ? until : std::min(until, clock_.now() + options_.poll_interval));
  }
}

ExecutionRun::Outcome ExecutionRun::run_wait(const State& state, Json raw, Variables& variables) {
  Json effective = input_of(state, std::move(raw), variables);
  core::Timestamp until = clock_.now();
  if (state.seconds.value) {
    until += std::chrono::seconds(static_cast<long long>(*state.seconds.value));
  } else if (state.seconds.path) {
    PathMiss miss;
    auto value = evaluate_path(*state.seconds.path, scope(effective, variables), &miss);
    const std::string& text = state.seconds.path->text();
    if (!value)
      throw runtime_failure("The SecondsPath parameter does not reference an input value: " + text);
    // Java's Long.parseLong decides "a long value": 2^64 - 1 is not one.
    const bool is_long = value->is_number_integer() &&
                         !(value->is_number_unsigned() &&
                           value->get<std::uint64_t>() > static_cast<std::uint64_t>(LLONG_MAX));
    if (!is_long)
      throw runtime_failure("The SecondsPath parameter cannot be parsed as a long value: " + text +
                            " == " + render_value(*value));
    const long long seconds = value->get<long long>();
    if (seconds < 0)
      throw runtime_failure("The SecondsPath parameter references a negative value: " + text +
                            " == " + render_value(*value));
    if (seconds > kMaxSeconds)
      throw runtime_failure("The SecondsPath parameter references a value greater than " +
                            std::to_string(kMaxSeconds) + " seconds: " + text +
                            " == " + render_value(*value));
    until += std::chrono::seconds(seconds);
  } else if (state.timestamp) {
    until = *parse_asl_timestamp(*state.timestamp);
  } else {
    PathMiss miss;
    auto value = evaluate_path(*state.timestamp_path, scope(effective, variables), &miss);
    const std::string& text = state.timestamp_path->text();
    if (!value)
      throw runtime_failure("The TimestampPath parameter does not reference an input value: " +
                            text);
    std::optional<core::Timestamp> parsed;
    if (value->is_string()) parsed = parse_asl_timestamp(value->get<std::string>());
    if (!parsed)
      throw runtime_failure(
          "The TimestampPath parameter does not reference a valid ISO-8601 extended offset "
          "date-time format string: " +
          text + " == " + render_value(*value));
    until = *parsed;
  }
  wait_until(until);
  std::optional<Json> assigned;
  if (state.assign) assigned = state.assign->evaluate(scope(effective, variables));
  Json output = output_of(state, std::move(effective), variables);
  if (assigned) assign(state, variables, *assigned);
  return Outcome{std::move(output), &state.next};
}

}  // namespace ae::states
