#include "backtest/replay.h"

#include <cmath>

#include "core/error.h"
#include "core/text.h"
#include "executor/planning/plan_input.h"

namespace ae::backtest {
namespace {

double close_at(const market::SeriesView& view, std::int32_t calendar_index) {
  if (calendar_index < view.start_index() || calendar_index >= view.end_index()) return NAN;
  return view.field(
      market::Field::kClose)[static_cast<std::size_t>(calendar_index - view.start_index())];
}

}  // namespace

BacktestResult replay(const DecisionInputs& inputs, const ReplayOptions& options) {
  if (inputs.days.empty()) throw core::InvalidInput("replay: no trading days to replay");
  if (!inputs.series) throw core::InvalidInput("replay: the inputs have no market data");
  const auto& series = *inputs.series;
  const auto* spy = series.find("SPY");
  if (!spy) throw core::InvalidInput("replay: the market data has no SPY");

  BacktestResult result;
  result.label = "replay";
  const auto models = executor::default_execution_models(options.config);
  core::NullMetricSink discard;
  CoverageGuard coverage_guard(options.metrics ? *options.metrics : discard);
  BookState book = opening_book(options.config.initial_cash);

  result.dates.push_back(inputs.days.front().as_of);
  result.nav.push_back(book.nav);
  result.spy_close.push_back(spy->value_on(market::Field::kClose, inputs.days.front().as_of));
  result.positions.push_back(0);
  result.invested.push_back(0);
  for (std::size_t d = 0; d < inputs.days.size(); ++d) {
    const auto& day = inputs.days[d];
    const auto coverage = coverage_guard.check(day);
    std::vector<std::string> symbols = {"SPY"};
    if (day.signals)
      symbols = executor::planner_symbols(plan_sources(book, day, series, options.config));
    for (const auto& [ticker, held] : book.holdings) symbols.push_back(ticker);
    const DayMarket market(series, day, symbols);
    auto outcome = step_day(book, market, day, coverage, series, options.config, models);

    result.dates.push_back(day.date);
    result.nav.push_back(outcome.nav);
    result.spy_close.push_back(spy->value_on(market::Field::kClose, day.date));
    result.positions.push_back(static_cast<int>(book.holdings.size()));
    result.invested.push_back(outcome.invested);
    for (auto& fill : outcome.fills) result.fills.push_back(std::move(fill));
    for (auto& rejection : outcome.rejections) result.rejections.push_back(std::move(rejection));
    if (outcome.guard) result.guard_firings.push_back(*outcome.guard);
    result.predictions.push_back(
        realised_predictions(series, day, options.prediction_horizon_days));
    if (options.progress) options.progress(d + 1, inputs.days.size());
  }
  return result;
}

ReplayAlongside replay_alongside(const DecisionInputs& inputs, const ReplayOptions& options,
                                 const std::vector<executor::RiskConfig>& alongside) {
  if (inputs.days.empty()) throw core::InvalidInput("replay: no trading days to replay");
  if (!inputs.series) throw core::InvalidInput("replay: the inputs have no market data");
  std::vector<executor::RiskConfig> configs = {options.config};
  configs.insert(configs.end(), alongside.begin(), alongside.end());
  SweepOptions sweep_options;
  sweep_options.progress = options.progress;
  sweep_options.metrics = options.metrics;
  sweep_options.checkpoint = options.checkpoint;
  auto swept = run_sweep(*inputs.series, inputs.days, configs, sweep_options);
  if (swept.runs.front().failure) std::rethrow_exception(swept.runs.front().failure);
  ReplayAlongside out;
  out.resumed_days = inputs.days.size() - swept.timings.days;
  out.replay = std::move(swept.runs.front().result);
  out.replay.label = "replay";
  for (const auto& day : inputs.days)
    out.replay.predictions.push_back(
        realised_predictions(*inputs.series, day, options.prediction_horizon_days));
  out.alongside.assign(std::make_move_iterator(swept.runs.begin() + 1),
                       std::make_move_iterator(swept.runs.end()));
  return out;
}

DailyPredictions realised_predictions(const SeriesCache& series, const DecisionDay& day,
                                      int horizon) {
  DailyPredictions out;
  out.date = day.date;
  if (!day.predictions) return out;
  const auto& calendar = series.bars().calendar();
  const auto start = calendar.index_of(day.as_of);
  const auto end = start + horizon;
  const auto* spy = series.find("SPY");
  const double spy_return = close_at(*spy, end) / close_at(*spy, start) - 1;
  if (!std::isfinite(spy_return)) return out;
  for (const auto& p : day.predictions->predictions) {
    const auto* view = series.find(core::to_upper(p.ticker));
    if (!view) continue;
    const double r = close_at(*view, end) / close_at(*view, start) - 1;
    if (!std::isfinite(r)) continue;
    out.predicted.push_back(p.predicted_alpha);
    out.realised.push_back(r - spy_return);
  }
  return out;
}

}  // namespace ae::backtest
