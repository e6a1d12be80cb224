#include "app/backtest_session.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"
#include "executor/planning/inputs.h"
#include "predictor/parameters.h"
#include "research/research_parameters.h"

namespace ae::app {
namespace {

core::Date default_to(const backtest::SeriesCache& series) {
  const auto* spy = series.find("SPY");
  if (!spy || spy->empty())
    throw core::NotFound("backtest: no SPY bars in the market data (run ae data synth or import)");
  return spy->last_date();
}

core::Date first_session_of_previous_year(const market::BarStore& bars, core::Date to) {
  const core::Date january{to.year() - std::chrono::years(1), std::chrono::January,
                           std::chrono::day(1)};
  const auto index = bars.calendar().first_index_on_or_after(january);
  return index ? bars.calendar().date_at(*index) : january;
}

}  // namespace

BacktestSession::BacktestSession(const core::Home& home, const SpanArgs& args)
    : store(home.store()),
      bars(home.market()),
      series(bars),
      research_parameters(research::load_research_parameters(home.parameter_file("research"), store,
                                                             home.profile())),
      predictor_parameters(predictor::load_predictor_parameters(home.parameter_file("predictor"),
                                                                store, home.profile())),
      executor_parameters(executor::load_executor_parameters(home, store)),
      config(executor::risk_config_from(executor_parameters)),
      workspaces_(home.backtest_workspaces()),
      retrain_every_(args.retrain_every) {
  // The last session on or before --to: the saturday pipeline passes its own date.
  const core::Date last_session = default_to(series);
  to = last_session;
  if (!args.to.empty()) {
    const auto asked = core::parse_date(args.to);
    const auto index = bars.calendar().last_index_on_or_before(asked);
    if (!index) throw core::InvalidInput("backtest: no trading day on or before " + args.to);
    to = std::min(to, bars.calendar().date_at(*index));
  }
  if (args.from.empty()) {
    from = first_session_of_previous_year(bars, to);
    too_little_history_ = backtest::history_shortfall(series, from, predictor_parameters);
  } else {
    from = core::parse_date(args.from);
    if (from > to)
      throw core::InvalidInput(fmt::format(
          "backtest: --from {} is after {}, {}", args.from, core::format_date(to),
          to == last_session ? std::string("the market's last session (the bars end there)")
                             : "the last session on or before --to " + args.to));
  }
}

const backtest::PreparedInputs& BacktestSession::prepare(const Progress& progress) {
  if (prepared_) return *prepared_;
  backtest::PrepareOptions options;
  options.from = from;
  options.to = to;
  options.workspaces = workspaces_;
  options.home_store = &store;
  options.research_parameters = &research_parameters;
  options.predictor_parameters = &predictor_parameters;
  options.retrain_every_days = retrain_every_;
  options.progress = progress;
  prepared_ = backtest::prepare_decision_inputs(series, options);
  return *prepared_;
}

}  // namespace ae::app
