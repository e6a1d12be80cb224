#include "app/exchange_run.h"

#include "core/artifact_store.h"
#include "core/nyse_calendar.h"
#include "executor/broker/fix/fix_settings.h"
#include "executor/intraday/minute_prices.h"
#include "executor/planning/inputs.h"
#include "executor/risk_config.h"
#include "market/bar_store.h"

namespace ae::app {

ExchangeSummary run_exchange(const core::Home& home, const ExchangeRun& run,
                             const std::function<void(int port)>& serve) {
  auto session =
      executor::fix_session_config(executor::load_fix_parameters(home.parameter_file("fix")));
  if (run.port) session.port = *run.port;
  core::FileSystemStore store(home.store());
  market::BarStore bars(home.market());
  core::NyseCalendar calendar;
  const auto config = executor::risk_config_from(executor::load_executor_parameters(home, store));
  executor::SimulatedMinutePrices prices(bars, calendar);
  exchange::Exchange venue(session, home.exchange_state(), prices,
                           executor::default_execution_models(config), run.faults);
  venue.start();
  serve(session.port);
  venue.stop();
  return {venue.orders_received(), venue.duplicates_refused(), venue.fills_sent()};
}

}  // namespace ae::app
