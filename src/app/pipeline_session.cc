#include "app/pipeline_session.h"

#include "app/deploy_drift.h"
#include "ops/ops_database.h"

namespace ae::app {

PipelineSession::PipelineSession(const core::Home& home, core::Clock* clock,
                                 const PipelineSessionOptions& options)
    : ops_database_(ops::open_ops_database(home.ops_database())),
      metrics_(std::make_unique<ops::MetricStore>(*ops_database_)) {
  context_.home = home;
  context_.clock = clock;
  context_.metrics = metrics_.get();
  for (const auto& fault : options.faults) add_fault(context_.faults, fault);
  if (options.check_deploy_drift) {
    context_.deploy_drift = [this] { return check_deploy_drift(context_); };
  } else {
    context_.deploy_drift = [] { return skipped_deploy_drift(); };
  }
}

}  // namespace ae::app
