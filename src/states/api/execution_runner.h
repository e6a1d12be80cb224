// Runs the API's executions: in the background on a pool of worker threads
// (submit; StartExecution, RedriveExecution and, at start, every execution
// left RUNNING by an earlier server: resume_interrupted), or in the caller's
// thread (run; StartSyncExecution). Each execution runs through the
// executions service of the engine (`resume`, which starts an execution only
// recorded) with a HistoryStore connection of its own and the clock
// execution_clock.h gives it for the server's clock kind, so a virtual clock
// is per execution. At most `workers` executions progress at once; more wait
// in arrival order (RUNNING, without events yet). A failure to run one is
// logged; the execution stays as the engine left it.
// Destroying the runner waits for the executions in progress and leaves the
// queued ones RUNNING; `ae sfn serve` does not wait: it exits and leaves all
// of them RUNNING for the next server on the home to resume.
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "states/resources/resources.h"
#include "states/run/interpreter.h"
#include "states/store/history_store.h"

namespace ae::states::api {

class ExecutionRunner {
 public:
  ExecutionRunner(std::filesystem::path executions_database, const ResourceRegistry& resources,
                  InterpreterOptions options, std::string clock_kind, size_t workers);
  ~ExecutionRunner();
  ExecutionRunner(const ExecutionRunner&) = delete;
  ExecutionRunner& operator=(const ExecutionRunner&) = delete;

  void submit(const std::string& execution_id);
  ExecutionRecord run(const std::string& execution_id);
  // Submits every RUNNING background execution of the store; their count.
  size_t resume_interrupted();

 private:
  void work();

  const std::filesystem::path database_;
  const ResourceRegistry& resources_;
  const InterpreterOptions options_;
  const std::string clock_kind_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::string> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ae::states::api
