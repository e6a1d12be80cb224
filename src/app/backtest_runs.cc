#include "app/backtest_runs.h"

#include <future>

#include "backtest/metrics.h"
#include "backtest/oracle.h"
#include "backtest/parameter_grid.h"
#include "backtest/replay.h"
#include "backtest/rule_contribution.h"
#include "backtest/sweep.h"
#include "backtest/tuning.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/json_limits.h"
#include "ops/metric_store.h"
#include "ops/ops_database.h"
#include "predictor/training_run.h"

namespace ae::app {
namespace {

using Json = nlohmann::json;

void emit_heartbeat(const core::Home& home) {
  std::filesystem::create_directories(home.state());
  const auto database = ops::open_ops_database(home.ops_database());
  ops::MetricStore metrics(*database);
  metrics.put_metric({"AlphaEngine",
                      "Heartbeat",
                      {{"Process", "backtester"}},
                      1,
                      "Count",
                      core::make_process_clock()->now()});
}

// Where the replay's, the oracle's and the tuning's books are saved after
// their last day, to resume from on the next run over a longer span
// (backtest/sweep_checkpoint.h): in the preparation's workspace, whose
// decisions they were stepped on.
constexpr std::string_view kReplayCheckpoint = "backtest/checkpoints/replay.json";
constexpr std::string_view kOracleCheckpoint = "backtest/checkpoints/oracle.json";
constexpr std::string_view kTuningCheckpoint = "backtest/checkpoints/tuning.json";

core::FileSystemStore checkpoint_store(const backtest::PreparedInputs& prepared) {
  return core::FileSystemStore(core::Home(prepared.workspace).store(),
                               core::WriteDurability::kCache);
}

// A phase's progress as the replay, sweep and tune report it.
std::function<void(std::size_t, std::size_t)> phase(const Progress& progress,
                                                    const std::string& name) {
  if (!progress) return {};
  return [progress, name](std::size_t done, std::size_t total) { progress(name, done, total); };
}

}  // namespace

Json skipped_json(const std::string& step, const std::string& reason) {
  return {{"status", "SKIPPED"}, {"step", step}, {"reason", reason}};
}

BacktestRun run_backtest(const core::Home& home, const SpanArgs& span, const Progress& progress) {
  BacktestSession session(home, span);
  BacktestRun run;
  run.from = session.from;
  run.to = session.to;
  if (session.too_little_history()) {
    emit_heartbeat(home);
    run.skipped = session.too_little_history();
    return run;
  }
  const auto& prepared = session.prepare(progress);
  core::FileSystemStore checkpoints = checkpoint_store(prepared);
  backtest::ReplayOptions options;
  options.config = session.config;
  options.prediction_horizon_days =
      static_cast<int>(session.predictor_parameters.get_int("label.horizon"));
  options.progress = phase(progress, "replay");
  // On a simulated market, the same days traded by a strategy that knows the
  // planted signal, for comparison: replayed on a thread of its own, beside
  // the reported book (it reads the same market data and nothing else).
  auto oracle_replayed = std::async(
      std::launch::async,
      [&session, &checkpoints, options]() -> std::optional<backtest::BacktestResult> {
        if (!predictor::oracle_rank_ic(session.bars)) return std::nullopt;
        auto oracle_options = options;
        oracle_options.progress = {};
        oracle_options.checkpoint = {&checkpoints, std::string(kOracleCheckpoint)};
        auto oracle = backtest::replay_alongside(
                          backtest::oracle_decisions(session.series, session.from, session.to),
                          oracle_options, {})
                          .replay;
        oracle.label = "oracle";
        return oracle;
      });
  options.checkpoint = {&checkpoints, std::string(kReplayCheckpoint)};
  // The reported book and one per risk rule flipped, stepped together.
  const core::Stopwatch started;
  auto replayed = backtest::replay_alongside(prepared.inputs, options,
                                             backtest::flipped_rule_configs(session.config));
  run.replay_seconds = started.elapsed_seconds();
  run.resumed_days = replayed.resumed_days;
  auto& result = replayed.replay;
  // The preparation's firings belong to the run's record too.
  result.guard_firings.insert(result.guard_firings.begin(), prepared.firings.begin(),
                              prepared.firings.end());
  result.parameters = {{"from", core::format_date(session.from)},
                       {"to", core::format_date(session.to)},
                       {"retrain_every_days", std::to_string(span.retrain_every)},
                       {"models", std::to_string(prepared.model_versions.size())},
                       {"workspace", prepared.workspace.string()}};
  const auto oracle = oracle_replayed.get();
  backtest::ReportOptions report_options;
  report_options.date = session.to;
  if (oracle) report_options.oracle = &*oracle;
  report_options.rule_contributions = backtest::rule_contributions(
      session.config, backtest::compute_metrics(result), replayed.alongside);
  report_options.drawdown_lines = {{-session.config.drawdown_circuit_breaker, "circuit breaker"}};
  run.report = backtest::write_backtest_report(session.store, result, report_options);
  emit_heartbeat(home);
  run.guard_firings = result.guard_firings.size();
  run.preparation_firings = prepared.firings.size();
  run.models = prepared.model_versions.size();
  run.reused_folds = prepared.reused_folds;
  run.research_seconds = prepared.research_seconds;
  run.training_seconds = prepared.training_seconds;
  run.prediction_seconds = prepared.prediction_seconds;
  return run;
}

Json sweep_backtest(const core::Home& home, const TrialArgs& trials, const Progress& progress) {
  BacktestSession session(home, trials);
  if (session.too_little_history()) {
    emit_heartbeat(home);
    return skipped_json("sweep", *session.too_little_history());
  }
  if (trials.oracle && !predictor::oracle_rank_ic(session.bars))
    throw core::InvalidInput(
        "backtest sweep --oracle: the market has no planted signal (not a simulated market)");
  const auto days = trials.oracle
                        ? backtest::oracle_decisions(session.series, session.from, session.to).days
                        : session.prepare(progress).inputs.days;
  const auto grid = backtest::tuning_grid(session.config);
  const auto sample = backtest::sample_combinations(grid, grid.combination_of(session.config),
                                                    trials.trials, trials.seed);
  std::vector<executor::RiskConfig> configs;
  for (const auto& c : sample.combinations)
    configs.push_back(backtest::apply_combination(c, session.config));
  backtest::SweepOptions options;
  options.progress = phase(progress, "sweep");
  const core::Stopwatch started;
  const auto swept = backtest::run_sweep(session.series, days, configs, options);
  const double seconds = started.elapsed_seconds();
  std::vector<backtest::SweepReportRow> rows;
  for (std::size_t i = 0; i < swept.runs.size(); ++i) {
    const auto& run = swept.runs[i];
    if (!run.error.empty()) {
      rows.push_back({sample.combinations[i].values, {}, run.error});
      continue;
    }
    const auto metrics = backtest::compute_metrics(run.result);
    rows.push_back(backtest::sweep_row(sample.combinations[i].values, metrics,
                                       backtest::objective(backtest::run_metrics(run))));
  }
  backtest::SweepReportOptions report_options;
  report_options.date = session.to;
  report_options.objective = "objective";
  const auto report = backtest::write_sweep_report(session.store, rows, report_options);
  emit_heartbeat(home);
  Json out = {{"status", "OK"},
              {"from", core::format_date(session.from)},
              {"to", core::format_date(session.to)},
              {"decisions", trials.oracle ? "oracle" : "prepared"},
              {"combinations", configs.size()},
              {"sessions", days.size()},
              {"sweep_seconds", seconds},
              {"report", "store/" + report.prefix + "sweep.md"}};
  if (report.best) {
    out["best"] = backtest::combination_json(sample.combinations[*report.best]);
    out["best_figures"] = Json::object();
    for (const auto& [name, value] : rows[*report.best].figures) out["best_figures"][name] = value;
  }
  return out;
}

Json tune_backtest(const core::Home& home, const TuneArgs& tune, const Progress& progress) {
  BacktestSession session(home, tune);
  if (session.too_little_history()) {
    emit_heartbeat(home);
    return skipped_json("tune", *session.too_little_history());
  }
  const auto& prepared = session.prepare(progress);
  core::FileSystemStore checkpoints = checkpoint_store(prepared);
  std::vector<core::Date> dates;
  for (const auto& day : prepared.inputs.days) dates.push_back(day.date);
  const auto spans = backtest::split_spans(dates, tune.holdout);
  backtest::SweepOptions sweep_options;
  sweep_options.progress = phase(progress, "tune");
  sweep_options.checkpoint = {&checkpoints, std::string(kTuningCheckpoint)};
  const auto evaluate = backtest::sweep_evaluator(prepared.inputs, sweep_options);
  backtest::TuningOptions options;
  options.max_trials = tune.trials;
  options.seed = tune.seed;
  const auto grid = backtest::tuning_grid(session.config);
  const auto decision = backtest::run_tuning(grid, session.config, spans, evaluate, options);
  const auto clock = core::make_process_clock();
  Json out = tune.freeze ? backtest::decision_json(decision, options)
                         : backtest::apply_decision(session.store, decision, options, session.to,
                                                    clock->now());
  out["status"] = "OK";
  out["frozen"] = tune.freeze;
  session.store.put("backtest/" + core::format_date(session.to) + "/tuning.json",
                    out.dump(2) + "\n");
  emit_heartbeat(home);
  return out;
}

BacktestReportFiles backtest_report(const core::Home& home, const std::optional<core::Date>& date) {
  const core::FileSystemStore store(home.store());
  std::string key;
  if (date) {
    key = "backtest/" + core::format_date(*date) + "/report.md";
  } else {
    for (const auto& k : store.list("backtest/"))
      if (k.ends_with("/report.md") && k > key) key = k;
    if (key.empty()) throw core::NotFound("no backtest report yet (run ae backtest run)");
  }
  const auto text = store.try_get(key);
  if (!text) throw core::NotFound("no backtest report " + key + " (run ae backtest run)");
  const auto prefix = key.substr(0, key.size() - std::string("report.md").size());
  const auto metrics = store.try_get(prefix + "metrics.json");
  if (!metrics) throw core::NotFound("no " + prefix + "metrics.json beside " + key);
  return {prefix, *text, core::parse_json(*metrics)};
}

}  // namespace ae::app
