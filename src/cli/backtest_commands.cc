// `ae backtest run|sweep|tune|report`: the backtester (issue 10, docs/backtest.md).
//   run    replay the live decision code over a span and write the report
//          backtest/{to}/ (markdown, CSV, SVG charts), beside SPY and, on a
//          simulated market, beside the oracle (knows the planted signal);
//   sweep  evaluate many executor parameter combinations in one pass and
//          write the sweep report backtest/{to}/sweep.*;
//   tune   search the grid on a training span, check the best on a later
//          holdout span, and promote it through the gates (config/
//          executor_params.json, previous and dated history kept; --freeze
//          computes and reports but writes nothing);
//   report print a written report (the newest by default).
// run and tune emit AlphaEngine Heartbeat {Process=backtester} (the weekly
// alarm's metric). The saturday pipeline runs `run` (Backtester) and `tune` (Evaluator) with
// --to; without --from, a span with too little history before its default
// start is reported SKIPPED (exit 0), so a young market does not fail the week.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <string>

#include "backtest/metrics.h"
#include "backtest/oracle.h"
#include "backtest/parameter_grid.h"
#include "backtest/replay.h"
#include "backtest/report.h"
#include "backtest/sweep.h"
#include "backtest/tuning.h"
#include "cli/backtest_session.h"
#include "cli/command.h"
#include "core/clock.h"
#include "core/error.h"
#include "ops/metric_store.h"
#include "ops/ops_database.h"
#include "predictor/training_run.h"

namespace ae::cli {
namespace {

using Json = nlohmann::json;

// AlphaEngine Heartbeat {Process=backtester} = 1, which the weekly alarm of
// pipelines/alarms.json watches: the backtester ran (a SKIPPED run did too).
void emit_heartbeat(const Context& context) {
  std::filesystem::create_directories(context.home.state());
  const auto database = ops::open_ops_database(context.home.ops_database());
  ops::MetricStore metrics(*database);
  metrics.put_metric({"AlphaEngine",
                      "Heartbeat",
                      {{"Process", "backtester"}},
                      1,
                      "Count",
                      core::make_process_clock()->now()});
}

bool skipped(const Context& context, const BacktestSession& session, const std::string& step) {
  if (!session.too_little_history()) return false;
  emit_heartbeat(context);
  std::cout << Json({{"status", "SKIPPED"},
                     {"step", step},
                     {"reason", *session.too_little_history()}})
                   .dump(2)
            << "\n";
  return true;
}

void add_span_options(CLI::App* command, SpanArgs& args) {
  command->add_option("--from", args.from,
                      "First trading day (default: the first session of the previous year)");
  command->add_option("--to", args.to, "Last day (default: the last session with market data)");
  command
      ->add_option("--retrain-every", args.retrain_every,
                   "Walk-forward: sessions between model retrainings")
      ->check(CLI::Range(5, 2520));
}

std::string pct(double value) { return fmt::format("{:+.2f}%", 100 * value); }

void print_run(const backtest::Metrics& m, const backtest::PreparedInputs& prepared,
               const backtest::BacktestResult& result, const backtest::WrittenReport& report,
               double replay_seconds) {
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
  std::cout << fmt::format("  guard firings {} (preparation {}), models {}\n",
                           result.guard_firings.size(), prepared.firings.size(),
                           prepared.model_versions.size());
  std::cout << fmt::format(
      "  time: research {:.1f} s, training {:.1f} s, predictions {:.1f} s, replay {:.2f} s\n",
      prepared.research_seconds, prepared.training_seconds, prepared.prediction_seconds,
      replay_seconds);
  std::cout << "  report: store/" << report.prefix << "report.md\n";
}

void add_run(CLI::App& backtest, Dispatcher& dispatcher) {
  auto args = std::make_shared<SpanArgs>();
  auto* run = backtest.add_subcommand("run", "Replay the live decision code over a span");
  add_span_options(run, *args);
  dispatcher.bind(run, [args](const Context& context) {
    const QuietStageLogs quiet;
    BacktestSession session(context, *args);
    if (skipped(context, session, "run")) return 0;
    const auto& prepared = session.prepare();
    // The preparation's firings belong to the run's record too.
    ProgressBar bar("replay");
    backtest::ReplayOptions options;
    options.config = session.config;
    options.prediction_horizon_days =
        static_cast<int>(session.predictor_parameters.get_int("label.horizon"));
    options.progress = [&](std::size_t done, std::size_t total) { bar.update(done, total); };
    const core::Stopwatch started;
    auto result = backtest::replay(prepared.inputs, options);
    const double replay_seconds = started.elapsed_seconds();
    result.guard_firings.insert(result.guard_firings.begin(), prepared.firings.begin(),
                                prepared.firings.end());
    result.parameters = {{"from", core::format_date(session.from)},
                         {"to", core::format_date(session.to)},
                         {"retrain_every_days", std::to_string(args->retrain_every)},
                         {"models", std::to_string(prepared.model_versions.size())},
                         {"workspace", prepared.workspace.string()}};
    // On a simulated market, the same days traded by a strategy that knows
    // the planted signal, for comparison.
    std::optional<backtest::BacktestResult> oracle;
    if (predictor::oracle_rank_ic(session.bars)) {
      backtest::ReplayOptions oracle_options = options;
      oracle_options.progress = {};
      oracle = backtest::replay(
          backtest::oracle_decisions(session.series, session.from, session.to), oracle_options);
      oracle->label = "oracle";
    }
    backtest::ReportOptions report_options;
    report_options.date = session.to;
    if (oracle) report_options.oracle = &*oracle;
    report_options.drawdown_lines = {{-session.config.drawdown_circuit_breaker, "circuit breaker"}};
    const auto report = backtest::write_backtest_report(session.store, result, report_options);
    emit_heartbeat(context);
    print_run(report.metrics, prepared, result, report, replay_seconds);
    if (report.oracle_metrics)
      std::cout << fmt::format(
          "  oracle (knows the planted signal): total return {}, Sharpe {:.2f}\n",
          pct(report.oracle_metrics->portfolio.total_return),
          report.oracle_metrics->portfolio.sharpe);
    return 0;
  });
}

std::vector<std::pair<std::string, double>> values_of(const backtest::Combination& c) {
  return c.values;
}

struct TrialArgs : SpanArgs {
  std::size_t trials = 60;
  std::uint64_t seed = 42;
};

void add_trial_options(CLI::App* command, TrialArgs& args) {
  add_span_options(command, args);
  command->add_option("--trials", args.trials, "Combinations sampled from the grid")
      ->check(CLI::Range(1, 5000));
  command->add_option("--seed", args.seed, "Sampling seed");
}

void add_sweep(CLI::App& backtest, Dispatcher& dispatcher) {
  auto args = std::make_shared<TrialArgs>();
  auto* sweep = backtest.add_subcommand(
      "sweep", "Evaluate many executor parameter combinations in one pass over the span");
  add_trial_options(sweep, *args);
  dispatcher.bind(sweep, [args](const Context& context) {
    const QuietStageLogs quiet;
    BacktestSession session(context, *args);
    if (skipped(context, session, "sweep")) return 0;
    const auto& prepared = session.prepare();
    const auto grid = backtest::reference_core_grid().with_values_of(session.config);
    const auto sample = backtest::sample_combinations(grid, grid.combination_of(session.config),
                                                      args->trials, args->seed);
    std::vector<executor::RiskConfig> configs;
    for (const auto& c : sample.combinations)
      configs.push_back(backtest::apply_combination(c, session.config));
    ProgressBar bar("sweep");
    backtest::SweepOptions options;
    options.progress = [&](std::size_t done, std::size_t total) { bar.update(done, total); };
    const core::Stopwatch started;
    const auto swept = backtest::run_sweep(session.series, prepared.inputs.days, configs, options);
    const double seconds = started.elapsed_seconds();
    std::vector<backtest::SweepReportRow> rows;
    for (std::size_t i = 0; i < swept.runs.size(); ++i) {
      const auto& run = swept.runs[i];
      if (!run.error.empty()) {
        rows.push_back({values_of(sample.combinations[i]), {}, run.error});
        continue;
      }
      const auto metrics = backtest::compute_metrics(run.result);
      rows.push_back(backtest::sweep_row(values_of(sample.combinations[i]), metrics,
                                         backtest::objective(backtest::run_metrics(run))));
    }
    backtest::SweepReportOptions report_options;
    report_options.date = session.to;
    report_options.objective = "objective";
    const auto report = backtest::write_sweep_report(session.store, rows, report_options);
    emit_heartbeat(context);
    Json out = {{"status", "OK"},
                {"from", core::format_date(session.from)},
                {"to", core::format_date(session.to)},
                {"combinations", configs.size()},
                {"sessions", prepared.inputs.days.size()},
                {"sweep_seconds", seconds},
                {"report", "store/" + report.prefix + "sweep.md"}};
    if (report.best) {
      out["best"] = backtest::combination_json(sample.combinations[*report.best]);
      out["best_figures"] = Json::object();
      for (const auto& [name, value] : rows[*report.best].figures)
        out["best_figures"][name] = value;
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  });
}

void add_tune(CLI::App& backtest, Dispatcher& dispatcher) {
  struct Args : TrialArgs {
    double holdout = 0.3;
    bool freeze = false;
  };
  auto args = std::make_shared<Args>();
  auto* tune = backtest.add_subcommand(
      "tune", "Tune executor parameters on a training span, check them on a later holdout");
  add_trial_options(tune, *args);
  tune->add_option("--holdout", args->holdout, "Fraction of the span held out (the later part)")
      ->check(CLI::Range(0.05, 0.95));
  tune->add_flag("--freeze", args->freeze, "Compute and report; never write parameters");
  dispatcher.bind(tune, [args](const Context& context) {
    const QuietStageLogs quiet;
    BacktestSession session(context, *args);
    if (skipped(context, session, "tune")) return 0;
    const auto& prepared = session.prepare();
    std::vector<core::Date> dates;
    for (const auto& day : prepared.inputs.days) dates.push_back(day.date);
    const auto spans = backtest::split_spans(dates, args->holdout);
    ProgressBar bar("tune");
    backtest::SweepOptions sweep_options;
    sweep_options.progress = [&](std::size_t done, std::size_t total) { bar.update(done, total); };
    const auto evaluate = backtest::sweep_evaluator(prepared.inputs, sweep_options);
    backtest::TuningOptions options;
    options.max_trials = args->trials;
    options.seed = args->seed;
    const auto grid = backtest::reference_core_grid().with_values_of(session.config);
    const auto decision = backtest::run_tuning(grid, session.config, spans, evaluate, options);
    const auto clock = core::make_process_clock();
    Json out = args->freeze ? backtest::decision_json(decision, options)
                            : backtest::apply_decision(session.store, decision, options, session.to,
                                                       clock->now());
    out["status"] = "OK";
    out["frozen"] = args->freeze;
    session.store.put("backtest/" + core::format_date(session.to) + "/tuning.json",
                      out.dump(2) + "\n");
    emit_heartbeat(context);
    std::cout << out.dump(2) << "\n";
    return 0;
  });
}

void add_report(CLI::App& backtest, Dispatcher& dispatcher) {
  auto date = std::make_shared<std::string>();
  auto* report = backtest.add_subcommand("report", "Print a backtest report (default: newest)");
  report->add_option("--date", *date, "The report's date (its span's last day)");
  dispatcher.bind(report, [date](const Context& context) {
    core::FileSystemStore store(context.home.store());
    std::string key;
    if (!date->empty()) {
      key = "backtest/" + core::format_date(core::parse_date(*date)) + "/report.md";
    } else {
      for (const auto& k : store.list("backtest/"))
        if (k.ends_with("/report.md") && k > key) key = k;
      if (key.empty()) throw core::NotFound("no backtest report yet (run ae backtest run)");
    }
    const auto text = store.try_get(key);
    if (!text) throw core::NotFound("no backtest report " + key + " (run ae backtest run)");
    std::cout << *text;
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
