// The wiring every pipeline-running use case shares (`ae run`, `ae sfn
// resume|redrive` of a pipeline's execution, `ae simulate`, `ae schedule`):
// a TaskContext over a home with the ops metric store open, the named faults
// and the deploy-drift check - or, for local runs that never deployed, its
// skipped answer. Neither copyable nor movable: the drift check refers to
// the session's own context.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/task_context.h"
#include "core/home.h"
#include "core/sqlite.h"
#include "ops/metric_store.h"

namespace ae::app {

struct PipelineSessionOptions {
  bool check_deploy_drift = true;
  std::vector<std::string> faults;  // KIND=ARGS, as `--fault` takes them (faults.h)
};

class PipelineSession {
 public:
  // `clock` may be null and set later (context().clock) by a caller that
  // runs on several clocks.
  PipelineSession(const core::Home& home, core::Clock* clock,
                  const PipelineSessionOptions& options);
  PipelineSession(const PipelineSession&) = delete;
  PipelineSession& operator=(const PipelineSession&) = delete;

  TaskContext& context() { return context_; }

 private:
  std::unique_ptr<core::Database> ops_database_;
  std::unique_ptr<ops::MetricStore> metrics_;
  TaskContext context_;
};

}  // namespace ae::app
