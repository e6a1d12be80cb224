#include "app/executor_broker.h"

#include "executor/broker/fix/fix_broker.h"
#include "executor/broker/fix/fix_settings.h"
#include "executor/broker/paper_broker.h"
#include "ops/ops_database.h"

namespace ae::app {

ExecutorBroker::ExecutorBroker(const core::Home& home, const std::string& requested,
                               const executor::RiskConfig& config, core::Clock& clock,
                               executor::MinutePriceSource& prices) {
  const auto kind = executor::choose_broker(requested, home.parameter_file("executor"));
  if (kind == executor::BrokerKind::kPaper) {
    broker_ =
        std::make_unique<executor::PaperBroker>(home.paper_broker(), config.initial_cash, clock,
                                                prices, executor::default_execution_models(config));
    return;
  }
  const auto session =
      executor::fix_session_config(executor::load_fix_parameters(home.parameter_file("fix")));
  metrics_database_ = ops::open_ops_database(home.ops_database());
  metrics_ = std::make_unique<ops::MetricStore>(*metrics_database_);
  auto fix = std::make_unique<executor::FixBroker>(session, home.fix_session(), config.initial_cash,
                                                   clock, prices, metrics_.get());
  fix->start();
  broker_ = std::move(fix);
  order_timeout_ = session.order_timeout;
}

}  // namespace ae::app
