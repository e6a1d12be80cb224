// `ae backtest run|sweep|tune|report`: parse, call the backtest use cases
// (app/backtest_runs.h), print. run prints a summary table; sweep and tune
// print JSON; report prints the markdown. A SKIPPED span prints
// {"status": "SKIPPED", "step", "reason"} and exits 0 (docs/backtest.md).
// JSON: run {"status": "OK", "from", "to", "report", "metrics" (metrics.h
// to_json), "oracle_metrics", "guard_firings", "preparation_firings",
// "models", "reused_folds", "seconds": {...}}; sweep and tune the JSON they print; report
// {"prefix", "markdown", "metrics" (the report's metrics.json)}.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <string>

#include "app/backtest_runs.h"
#include "backtest/metrics.h"
#include "cli/command.h"
#include "cli/progress.h"

namespace ae::cli {
namespace {

void add_span_options(CLI::App* command, ae::app::SpanArgs& args) {
  command->add_option("--from", args.from,
                      "First trading day (default: the first session of the previous year)");
  command->add_option("--to", args.to, "Last day (default: the last session with market data)");
  command
      ->add_option("--retrain-every", args.retrain_every,
                   "Walk-forward: sessions between model retrainings")
      ->check(CLI::Range(5, 2520));
}

void add_trial_options(CLI::App* command, ae::app::TrialArgs& args) {
  add_span_options(command, args);
  command->add_option("--trials", args.trials, "Combinations sampled from the grid")
      ->check(CLI::Range(1, 5000));
  command->add_option("--seed", args.seed, "Sampling seed");
}

std::string pct(double value) { return fmt::format("{:+.2f}%", 100 * value); }

void print_run(const ae::app::BacktestRun& run) {
  const auto& m = run.report.metrics;
  std::cout << fmt::format("backtest {} .. {} ({} sessions)\n", core::format_date(m.first_date),
                           core::format_date(m.last_date), m.n_returns);
  std::cout << fmt::format("  {:<22} {:>10} {:>10}\n", "", "strategy", "SPY");
  std::cout << fmt::format("  {:<22} {:>10} {:>10}\n", "total return",
                           pct(m.portfolio.total_return), pct(m.spy.total_return));
  std::cout << fmt::format("  {:<22} {:>10} {:>10}\n", "annualised return",
                           pct(m.portfolio.annualised_return), pct(m.spy.annualised_return));
  std::cout << fmt::format("  {:<22} {:>10.2f} {:>10.2f}\n", "Sharpe", m.portfolio.sharpe,
                           m.spy.sharpe);
  std::cout << fmt::format("  {:<22} {:>10} {:>10}\n", "max drawdown",
                           pct(m.portfolio.max_drawdown), pct(m.spy.max_drawdown));
  std::cout << fmt::format("  alpha {}  IR {:.2f}  beta {:.2f}  trades {} (hit rate {:.0f}%)\n",
                           pct(m.alpha), m.information_ratio, m.beta, m.n_trades, 100 * m.hit_rate);
  if (m.prediction_ic)
    std::cout << fmt::format("  prediction IC {:+.4f}, rank IC {:+.4f} over {} days\n",
                             m.prediction_ic->ic, m.prediction_ic->rank_ic, m.prediction_ic->days);
  std::cout << fmt::format("  guard firings {} (preparation {}), models {}\n", run.guard_firings,
                           run.preparation_firings, run.models);
  std::cout << fmt::format(
      "  time: research {:.1f} s, training {:.1f} s, predictions {:.1f} s, replay {:.2f} s{}\n",
      run.research_seconds, run.training_seconds, run.prediction_seconds, run.replay_seconds,
      run.resumed_days
          ? fmt::format(" ({} of {} days resumed from the last run)", run.resumed_days, m.n_returns)
          : "");
  std::cout << "  report: store/" << run.report.prefix << "report.md\n";
  if (run.report.oracle_metrics)
    std::cout << fmt::format(
        "  oracle (knows the planted signal): total return {}, Sharpe {:.2f}\n",
        pct(run.report.oracle_metrics->portfolio.total_return),
        run.report.oracle_metrics->portfolio.sharpe);
}

nlohmann::json run_json(const ae::app::BacktestRun& run) {
  return {
      {"status", "OK"},
      {"from", core::format_date(run.from)},
      {"to", core::format_date(run.to)},
      {"report", "store/" + run.report.prefix + "report.md"},
      {"metrics", backtest::to_json(run.report.metrics)},
      {"oracle_metrics", run.report.oracle_metrics ? backtest::to_json(*run.report.oracle_metrics)
                                                   : nlohmann::json()},
      {"guard_firings", run.guard_firings},
      {"preparation_firings", run.preparation_firings},
      {"models", run.models},
      {"reused_folds", run.reused_folds},
      {"resumed_days", run.resumed_days},
      {"seconds",
       {{"research", run.research_seconds},
        {"training", run.training_seconds},
        {"predictions", run.prediction_seconds},
        {"replay", run.replay_seconds}}}};
}

void add_run(CLI::App& backtest, Dispatcher& dispatcher) {
  auto args = std::make_shared<ae::app::SpanArgs>();
  auto* run = backtest.add_subcommand("run", "Replay the live decision code over a span");
  add_span_options(run, *args);
  dispatcher.bind(run, [args](const Context& context) {
    const QuietStageLogs quiet;
    PhaseBars bars;
    const auto result = ae::app::run_backtest(context.home, *args, bars.callback());
    if (result.skipped) {
      context.output.print(ae::app::skipped_json("run", *result.skipped));
      return 0;
    }
    context.output.print(run_json(result), [&](std::ostream&) { print_run(result); });
    return 0;
  });
}

void add_sweep(CLI::App& backtest, Dispatcher& dispatcher) {
  auto args = std::make_shared<ae::app::TrialArgs>();
  auto* sweep = backtest.add_subcommand(
      "sweep", "Evaluate many executor parameter combinations in one pass over the span");
  add_trial_options(sweep, *args);
  sweep->add_flag("--oracle", args->oracle,
                  "Sweep the oracle's decisions (a simulated market's planted signal) instead of "
                  "the walk-forward model's: what each construction can capture");
  dispatcher.bind(sweep, [args](const Context& context) {
    const QuietStageLogs quiet;
    PhaseBars bars;
    context.output.print(ae::app::sweep_backtest(context.home, *args, bars.callback()));
    return 0;
  });
}

void add_tune(CLI::App& backtest, Dispatcher& dispatcher) {
  auto args = std::make_shared<ae::app::TuneArgs>();
  auto* tune = backtest.add_subcommand(
      "tune", "Tune executor parameters on a training span, check them on a later holdout");
  add_trial_options(tune, *args);
  tune->add_option("--holdout", args->holdout, "Fraction of the span held out (the later part)")
      ->check(CLI::Range(0.05, 0.95));
  tune->add_flag("--freeze", args->freeze, "Compute and report; never write parameters");
  dispatcher.bind(tune, [args](const Context& context) {
    const QuietStageLogs quiet;
    PhaseBars bars;
    context.output.print(ae::app::tune_backtest(context.home, *args, bars.callback()));
    return 0;
  });
}

void add_report(CLI::App& backtest, Dispatcher& dispatcher) {
  auto date = std::make_shared<std::string>();
  auto* report = backtest.add_subcommand("report", "Print a backtest report (default: newest)");
  report->add_option("--date", *date, "The report's date (its span's last day)");
  dispatcher.bind(report, [date](const Context& context) {
    const auto files = ae::app::backtest_report(
        context.home, date->empty() ? std::nullopt : std::optional(core::parse_date(*date)));
    context.output.print(
        {{"prefix", files.prefix}, {"markdown", files.markdown}, {"metrics", files.metrics}},
        [&](std::ostream& out) { out << files.markdown; });
    return 0;
  });
}

}  // namespace

void add_backtest_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto* backtest = app.add_subcommand("backtest", "The backtester: replay, sweep, tune, report");
  backtest->require_subcommand(1);
  add_run(*backtest, dispatcher);
  add_sweep(*backtest, dispatcher);
  add_tune(*backtest, dispatcher);
  add_report(*backtest, dispatcher);
}

}  // namespace ae::cli
