// Runs a Map state's iterations or a Parallel state's branches as child runs
// (execution_run.h). With one lane they run in this thread, one after
// another, on this run's clock. With more, each lane is a thread. On a real
// clock a lane takes the next child when it has finished one. On a virtual
// clock lane k runs children k, k + lanes, k + 2 lanes, ... on its own fork of
// the timeline, starting at the state's start, and the state ends at the
// latest lane's end: the timestamps do not depend on which thread was
// faster.
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

#include "states/run/failure.h"
#include "states/run/internal/execution_run.h"

namespace ae::states {

namespace {

// Runs lane(0) .. lane(count - 1) each on a thread of its own and waits for
// all; if a thread cannot be started, the ones started finish first.
void run_lanes(size_t count, const std::function<void(size_t)>& lane) {
  std::vector<std::jthread> threads;  // joined when they go out of scope
  for (size_t k = 0; k < count; ++k) threads.emplace_back(lane, k);
}

}  // namespace

ExecutionRun::IterationResults ExecutionRun::run_iterations(const State& state, long long entry_id,
                                                            const Variables& variables,
                                                            const Iterations& plan) {
  IterationResults results;
  results.outputs.resize(plan.count);
  results.failures.resize(plan.count);
  const size_t lanes = std::min(plan.lanes, plan.count);
  const bool concurrent = lanes > 1;
  const std::string prefix = step_key(entry_id) + "/";
  std::atomic<bool> cancel{false};
  std::mutex group;  // guards next, aborted, unexpected and calls to plan.stops
  size_t next = 0;
  bool aborted = false;
  std::exception_ptr unexpected;

  auto run_child = [&](size_t i, core::Clock& clock) {
    ExecutionRun child(*this, clock, prefix + std::to_string(i), &cancel, concurrent);
    auto event = [&](const char* type) {
      if (plan.map_events)
        child.emit(type, state.name, history_ != nullptr ? Json{{"index", i}} : Json());
    };
    try {
      event("MapIterationStarted");
      const StateMachine& machine = plan.machine(i);
      Variables inner(&variables);
      Json output = child.run_machine(machine, machine.start_at, plan.input(i), inner, false);
      event("MapIterationSucceeded");
      results.outputs[i] = std::move(output);
    } catch (const StateFailure& failure) {
      event("MapIterationFailed");
      results.failures[i] = failure;
      std::lock_guard lock(group);
      if (!cancel && plan.stops(i, failure)) {
        results.stopped_by = failure;
        cancel = true;
      }
    } catch (const Cancelled&) {
      event("MapIterationAborted");
    } catch (const Aborted&) {
      event("MapIterationAborted");
      std::lock_guard lock(group);
      aborted = true;
      cancel = true;
    }
  };
  // Anything else a child throws (a resource's own error, the history's
  // limit while recording a failure) stops the group and is rethrown.
  auto guarded_child = [&](size_t i, core::Clock& clock) {
    try {
      run_child(i, clock);
    } catch (...) {
      std::lock_guard lock(group);
      if (!unexpected) unexpected = std::current_exception();
      cancel = true;
    }
  };
  auto take = [&]() -> std::optional<size_t> {
    std::lock_guard lock(group);
    if (cancel || next >= plan.count) return std::nullopt;
    return next++;
  };

  if (!concurrent) {
    while (auto i = take()) guarded_child(*i, clock_);
  } else if (clock_.is_virtual()) {
    std::vector<std::unique_ptr<core::VirtualClock>> forks;
    for (size_t lane = 0; lane < lanes; ++lane)
      forks.push_back(std::make_unique<core::VirtualClock>(clock_.now()));
    run_lanes(lanes, [&](size_t lane) {
      for (size_t i = lane; i < plan.count && !cancel; i += lanes) guarded_child(i, *forks[lane]);
    });
    for (const auto& fork : forks) clock_.sleep_until(fork->now());
  } else {
    run_lanes(lanes, [&](size_t) {
      while (auto i = take()) guarded_child(*i, clock_);
    });
  }
  if (unexpected) std::rethrow_exception(unexpected);
  if (aborted) throw Aborted{};
  if (cancelled()) throw Cancelled{};  // an enclosing group was cancelled meanwhile
  return results;
}

}  // namespace ae::states
