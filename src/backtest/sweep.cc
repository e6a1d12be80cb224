#include "backtest/sweep.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "backtest/day_step.h"
#include "backtest/metrics.h"
#include "core/clock.h"
#include "core/error.h"
#include "executor/broker/execution_models.h"
#include "executor/planning/plan_input.h"

namespace ae::backtest {
namespace {

// The symbols every book stepped today needs: planner_symbols over the
// union of the books' holdings is the union of each book's planner_symbols (a
// holding's sector ETF depends on the ticker only). Without signals: the
// holdings and SPY (marking to market).
std::vector<std::string> union_symbols(const std::vector<BookState>& books,
                                       const std::vector<char>& stepped, const DecisionDay& day,
                                       const SeriesCache& series,
                                       const std::vector<executor::RiskConfig>& configs) {
  std::vector<std::string> held;
  for (std::size_t b = 0; b < books.size(); ++b)
    if (stepped[b])
      for (const auto& [ticker, position] : books[b].holdings) held.push_back(ticker);
  std::sort(held.begin(), held.end());
  held.erase(std::unique(held.begin(), held.end()), held.end());
  if (!day.signals) {
    held.push_back("SPY");
    return held;
  }
  executor::PlanSources sources;
  sources.date = day.date;
  sources.as_of = day.as_of;
  sources.signals = day.signals.get();
  sources.universe = &series.universe();
  sources.positions.reserve(held.size());
  for (auto& ticker : held) sources.positions.push_back({std::move(ticker), 0, 0, std::nullopt});
  if (day.predictions) sources.predictions = &day.predictions->predictions;
  for (std::size_t b = 0; b < configs.size(); ++b)
    if (stepped[b] && configs[b].benchmark_relative) sources.candidates_from_predictions = true;
  auto symbols = executor::planner_symbols(sources);
  std::sort(symbols.begin(), symbols.end());
  symbols.erase(std::unique(symbols.begin(), symbols.end()), symbols.end());
  return symbols;
}

void check_days(std::span<const DecisionDay> days) {
  if (days.empty()) throw core::InvalidInput("sweep: no trading days to sweep");
  for (std::size_t i = 1; i < days.size(); ++i)
    if (!(days[i - 1].date < days[i].date))
      throw core::InvalidInput(fmt::format("sweep: days are not strictly increasing at {}",
                                           core::format_date(days[i].date)));
}

}  // namespace

SweepResult run_sweep(const SeriesCache& series, std::span<const DecisionDay> days,
                      const std::vector<executor::RiskConfig>& configs,
                      const SweepOptions& options) {
  check_days(days);
  if (configs.empty()) throw core::InvalidInput("sweep: no parameter combinations to run");
  const auto* spy = series.find("SPY");
  if (!spy) throw core::InvalidInput("sweep: the bar store has no SPY series");
  core::NullMetricSink discard;
  CoverageGuard coverage_guard(options.metrics ? *options.metrics : discard);

  const std::size_t n = configs.size();
  std::vector<executor::ExecutionModels> models;
  std::vector<BookState> books;
  std::vector<char> live(n, 1);  // char, not bool: written from several threads
  SweepResult out;
  out.runs.resize(n);
  for (std::size_t b = 0; b < n; ++b) {
    models.push_back(executor::default_execution_models(configs[b]));
    books.push_back(opening_book(configs[b].initial_cash));
    auto& r = out.runs[b].result;
    r.dates.push_back(days.front().as_of);
    r.nav.push_back(configs[b].initial_cash);
    r.spy_close.push_back(spy->value_on(market::Field::kClose, days.front().as_of));
    r.positions.push_back(0);
    r.invested.push_back(0);
  }
  const bool checkpointed = options.checkpoint.store && !options.metrics;
  std::vector<std::size_t> first_day(n, 0);  // the day each book steps from
  if (checkpointed) {
    if (auto saved = load_checkpoint(options.checkpoint, series, days, configs)) {
      std::size_t resumed_books = 0;
      for (std::size_t b = 0; b < n; ++b) {
        if (!saved->books[b]) continue;
        books[b] = std::move(saved->books[b]->book);
        out.runs[b].result = std::move(saved->books[b]->result);
        first_day[b] = saved->days;
        ++resumed_books;
      }
      spdlog::info("sweep: {} of {} books resume after {} of {} days ({})", resumed_books, n,
                   saved->days, days.size(), options.checkpoint.key);
    }
  }
  for (std::size_t b = 0; b < n; ++b) out.runs[b].result.label = fmt::format("sweep #{}", b);
  const std::size_t first_stepped = *std::min_element(first_day.begin(), first_day.end());
  if (options.progress && first_stepped > 0) options.progress(first_stepped, days.size());
  std::vector<double> cpu(n, 0);
  std::vector<char> active(n);  // live, and past the days it resumed after
  auto& t = out.timings;
  for (std::size_t d = first_stepped; d < days.size(); ++d) {
    const auto& day = days[d];
    for (std::size_t b = 0; b < n; ++b) active[b] = live[b] && d >= first_day[b];
    const core::Stopwatch market_watch;
    const auto coverage = coverage_guard.check(day);
    const DayMarket market(series, day, union_symbols(books, active, day, series, configs));
    t.market_wall += market_watch.elapsed_seconds();

    const core::Stopwatch books_watch;
    // Each task touches only its own book, run, flag and CPU counter.
    auto step = [&](std::size_t b) {
      if (!active[b]) return;
      const double start = core::thread_cpu_seconds();
      auto& run = out.runs[b];
      try {
        auto result = step_day(books[b], market, day, coverage, series, configs[b], models[b]);
        auto& r = run.result;
        r.dates.push_back(day.date);
        r.nav.push_back(result.nav);
        r.spy_close.push_back(spy->value_on(market::Field::kClose, day.date));
        r.positions.push_back(static_cast<int>(books[b].holdings.size()));
        r.invested.push_back(result.invested);
        for (auto& f : result.fills) r.fills.push_back(std::move(f));
        for (auto& rejection : result.rejections) r.rejections.push_back(std::move(rejection));
        if (result.guard) r.guard_firings.push_back(std::move(*result.guard));
      } catch (const std::exception& error) {
        run.error = fmt::format("{}: {}", core::format_date(day.date), error.what());
        run.failure = std::current_exception();
        live[b] = 0;
      }
      cpu[b] += core::thread_cpu_seconds() - start;
    };
    if (options.parallel && n > 1) {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1), [&](const auto& range) {
        for (std::size_t b = range.begin(); b != range.end(); ++b) step(b);
      });
    } else {
      for (std::size_t b = 0; b < n; ++b) step(b);
    }
    t.books_wall += books_watch.elapsed_seconds();
    t.days += 1;
    for (std::size_t b = 0; b < n; ++b) t.book_days += active[b] && live[b] ? 1 : 0;
    if (options.progress) options.progress(d + 1, days.size());
  }
  for (double c : cpu) t.books_cpu += c;
  if (checkpointed && first_stepped < days.size() &&
      std::all_of(live.begin(), live.end(), [](char l) { return l != 0; })) {
    std::vector<const BacktestResult*> results;
    for (const auto& run : out.runs) results.push_back(&run.result);
    save_checkpoint(options.checkpoint, series, days, configs, books, results);
  }
  return out;
}

RunMetrics run_metrics(const SweepRun& run) {
  RunMetrics m;
  if (!run.error.empty()) {
    m.valid = false;
    m.error = run.error;
    return m;
  }
  try {
    const auto metrics = compute_metrics(run.result);
    m.sharpe = metrics.portfolio.sharpe;
    m.max_drawdown = metrics.portfolio.max_drawdown;
    m.total_return = metrics.portfolio.total_return;
    m.total_alpha = metrics.alpha;
    m.n_trades = metrics.n_trades;
    m.n_days = metrics.n_returns;
  } catch (const core::InvalidInput& error) {
    m.valid = false;
    m.error = error.what();
  }
  return m;
}

Evaluate sweep_evaluator(const DecisionInputs& inputs, SweepOptions options) {
  return [&inputs, options](const std::vector<executor::RiskConfig>& configs,
                            std::span<const core::Date> dates) {
    if (!inputs.series) throw core::InvalidInput("sweep: decision inputs without a bar store");
    std::map<core::Date, const DecisionDay*> by_date;
    for (const auto& day : inputs.days) by_date.emplace(day.date, &day);
    std::vector<DecisionDay> days;
    days.reserve(dates.size());
    for (const auto& date : dates) {
      const auto it = by_date.find(date);
      if (it == by_date.end())
        throw core::InvalidInput(
            fmt::format("sweep: no decision inputs for {}", core::format_date(date)));
      days.push_back(*it->second);
    }
    // Only a span from the first prepared day resumes (tuning's training
    // span, which grows with the inputs); a later one starts elsewhere each
    // time (the holdout) and would only leave checkpoints behind.
    auto span_options = options;
    if (days.front().date != inputs.days.front().date) span_options.checkpoint = {};
    const auto result = run_sweep(*inputs.series, days, configs, span_options);
    std::vector<RunMetrics> out;
    for (const auto& run : result.runs) out.push_back(run_metrics(run));
    return out;
  };
}

}  // namespace ae::backtest
