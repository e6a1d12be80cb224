#include "states/api/execution_runner.h"

#include <spdlog/spdlog.h>

#include "states/run/execution_clock.h"
#include "states/run/executions.h"

namespace ae::states::api {

ExecutionRunner::ExecutionRunner(std::filesystem::path executions_database,
                                 const ResourceRegistry& resources, InterpreterOptions options,
                                 std::string clock_kind, size_t workers)
    : database_(std::move(executions_database)),
      resources_(resources),
      options_(options),
      clock_kind_(std::move(clock_kind)) {
  for (size_t i = 0; i < std::max<size_t>(workers, 1); ++i)
    threads_.emplace_back([this] { work(); });
}

ExecutionRunner::~ExecutionRunner() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void ExecutionRunner::submit(const std::string& execution_id) {
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back(execution_id);
  }
  ready_.notify_one();
}

ExecutionRecord ExecutionRunner::run(const std::string& execution_id) {
  HistoryStore store(database_);
  const ExecutionRecord record = store.get(execution_id);
  auto clock = execution_clock(store, record, clock_kind_);
  ExecutionService service(store, resources_, *clock, options_);
  return service.resume(execution_id);
}

size_t ExecutionRunner::resume_interrupted() {
  HistoryStore store(database_);
  const auto ids = store.running_in_background();
  for (const auto& id : ids) submit(id);
  return ids.size();
}

void ExecutionRunner::work() {
  for (;;) {
    std::string id;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      id = std::move(queue_.front());
      queue_.pop_front();
    }
    try {
      run(id);
    } catch (const std::exception& error) {
      spdlog::error("execution {} could not run: {}", id, error.what());
    }
  }
}

}  // namespace ae::states::api
