// Runs a Map state's iterations or a Parallel state's branches as child runs
// (execution_run.h). With one lane they run in this thread, one after
// another, on this run's clock. With more, each lane is a thread. On a real
// clock a lane takes the next child when it has finished one. On a virtual
// clock lane k runs children k, k + lanes, k + 2 lanes, ... on its own fork of
// the timeline, starting at the state's start, and the state ends at the
// latest lane's end: the timestamps do not depend on which thread was
// faster.
#include <algorithm>
#include <exception>
#include <functional>
#include <map>
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

bool ExecutionRun::may_wait(const StateMachine& machine) {
  return std::any_of(machine.states.begin(), machine.states.end(), [](const State& state) {
    return state.type == StateType::kTask || state.type == StateType::kWait ||
           state.type == StateType::kMap || state.type == StateType::kParallel;
  });
}

ExecutionRun::IterationResults ExecutionRun::run_iterations(const State& state, long long entry_id,
                                                            const Variables& variables,
                                                            const Iterations& plan) {
  IterationResults results;
  results.outputs.resize(plan.count);
  const size_t lanes = std::min(plan.lanes, plan.count);
  const bool concurrent = lanes > 1;
  const std::string prefix = step_key(entry_id) + "/";
  std::atomic<bool> cancel{false};
  std::mutex group;  // guards results.failures, aborted, unexpected and calls to plan.stops
  std::atomic<size_t> next = 0;
  bool aborted = false;
  std::exception_ptr unexpected;

  // Child i on a lane's run (one run per lane, reused: its $$ and caches
  // carry over, its step count and key start afresh).
  auto run_child = [&](size_t i, ExecutionRun& child) {
    child.begin_child(i);
    auto event = [&](const char* type) {  // a Map's iterations have events; branches none
      if (state.type == StateType::kMap)
        child.emit(type, state.name, history_ != nullptr ? Json{{"index", i}} : Json());
    };
    try {
      event("MapIterationStarted");
      const StateMachine& machine = plan.machine(i);
      Variables inner(&variables);
      results.outputs[i] =
          child.run_machine(machine, machine.start_at, plan.input(i), inner, false);
      event("MapIterationSucceeded");
    } catch (const StateFailure& failure) {
      event("MapIterationFailed");
      std::lock_guard lock(group);
      results.failures.emplace(i, failure);
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
  auto guarded_child = [&](size_t i, ExecutionRun& child) {
    try {
      run_child(i, child);
    } catch (...) {
      std::lock_guard lock(group);
      if (!unexpected) unexpected = std::current_exception();
      cancel = true;
    }
  };
  auto take = [&]() -> std::optional<size_t> {
    if (cancel) return std::nullopt;
    const size_t i = next.fetch_add(1, std::memory_order_relaxed);
    if (i >= plan.count) return std::nullopt;
    return i;
  };

  if (!concurrent) {
    ExecutionRun child(*this, clock_, prefix, &cancel, false);
    while (auto i = take()) guarded_child(*i, child);
  } else if (clock_.is_virtual()) {
    std::vector<std::unique_ptr<core::VirtualClock>> forks;
    for (size_t lane = 0; lane < lanes; ++lane)
      forks.push_back(std::make_unique<core::VirtualClock>(clock_.now()));
    run_lanes(lanes, [&](size_t lane) {
      ExecutionRun child(*this, *forks[lane], prefix, &cancel, true);
      for (size_t i = lane; i < plan.count && !cancel; i += lanes) guarded_child(i, child);
    });
    for (const auto& fork : forks) clock_.sleep_until(fork->now());
  } else {
    run_lanes(lanes, [&](size_t) {
      ExecutionRun child(*this, clock_, prefix, &cancel, true);
      while (auto i = take()) guarded_child(*i, child);
    });
  }
  // The state's own closing event: <Type>StateAborted or <Type>StateFailed.
  const std::string kind = state_type_name(state.type);
  if (unexpected) {
    try {
      std::rethrow_exception(unexpected);
    } catch (const StateFailure&) {  // the history's limit, met by a child
      emit(kind + "StateFailed", state.name);
      throw;
    }
  }
  if (aborted || cancelled()) {  // asked to stop, or an enclosing group was cancelled
    emit(kind + "StateAborted", state.name);
    if (aborted) throw Aborted{};
    throw Cancelled{};
  }
  if (results.stopped_by) emit(kind + "StateFailed", state.name);
  return results;
}

}  // namespace ae::states
