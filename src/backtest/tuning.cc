#include "backtest/tuning.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace ae::backtest {
namespace {

bool usable(const RunMetrics& m) {
  return m.valid && std::isfinite(m.sharpe) && std::isfinite(m.max_drawdown) && m.n_days > 1;
}

nlohmann::json metrics_json(const RunMetrics& m) {
  nlohmann::json out = {{"valid", m.valid}};
  if (!m.error.empty()) out["error"] = m.error;
  if (!usable(m)) return out;
  out.update({{"sharpe", m.sharpe},
              {"max_drawdown", m.max_drawdown},
              {"objective", objective(m)},
              {"total_return", m.total_return},
              {"total_alpha", m.total_alpha},
              {"n_trades", m.n_trades},
              {"n_days", m.n_days}});
  return out;
}

std::vector<RunMetrics> checked_evaluate(const Evaluate& evaluate,
                                         const std::vector<executor::RiskConfig>& configs,
                                         std::span<const core::Date> days, const char* span) {
  auto out = evaluate(configs, days);
  if (out.size() != configs.size())
    throw core::Error(fmt::format("tuning: the {} evaluation returned {} results for {} configs",
                                  span, out.size(), configs.size()));
  return out;
}

}  // namespace

double objective(const RunMetrics& m) { return m.sharpe - 0.5 * std::abs(m.max_drawdown); }

TuningSpans split_spans(std::vector<core::Date> days, double holdout_fraction) {
  if (days.empty()) throw core::InvalidInput("tuning: the date span has no trading days");
  if (!(holdout_fraction > 0 && holdout_fraction < 1))
    throw core::InvalidInput(
        fmt::format("tuning: holdout fraction {:g} must be between 0 and 1", holdout_fraction));
  for (std::size_t i = 1; i < days.size(); ++i)
    if (!(days[i - 1] < days[i]))
      throw core::InvalidInput(fmt::format("tuning: trading days are not strictly increasing at {}",
                                           core::format_date(days[i])));
  const auto n = days.size();
  const auto n_training =
      static_cast<std::size_t>(std::floor(static_cast<double>(n) * (1 - holdout_fraction)));
  if (n_training < 2 || n - n_training < 2)
    throw core::InvalidInput(fmt::format(
        "tuning: {} trading days ({} to {}) are too few to split into training and holdout "
        "spans of at least 2 days each",
        n, core::format_date(days.front()), core::format_date(days.back())));
  TuningSpans spans;
  spans.training.assign(days.begin(), days.begin() + static_cast<std::ptrdiff_t>(n_training));
  spans.holdout.assign(days.begin() + static_cast<std::ptrdiff_t>(n_training), days.end());
  return spans;
}

TuningDecision run_tuning(const ParameterGrid& grid, const executor::RiskConfig& current,
                          const TuningSpans& spans, const Evaluate& evaluate,
                          const TuningOptions& options) {
  if (spans.training.empty() || spans.holdout.empty())
    throw core::InvalidInput("tuning: the training and holdout spans must both have days");
  if (!(spans.training.back() < spans.holdout.front()))
    throw core::InvalidInput(fmt::format(
        "tuning: the holdout span ({}) must start after the training span ends ({})",
        core::format_date(spans.holdout.front()), core::format_date(spans.training.back())));
  TuningDecision d;
  d.training_first = spans.training.front();
  d.training_last = spans.training.back();
  d.holdout_first = spans.holdout.front();
  d.holdout_last = spans.holdout.back();

  const auto seeded = grid.with_values_of(current);
  d.sample =
      sample_combinations(seeded, seeded.combination_of(current), options.max_trials, options.seed);
  std::vector<executor::RiskConfig> configs;
  for (const auto& c : d.sample.combinations) configs.push_back(apply_combination(c, current));
  spdlog::info("tuning: {} combinations over {} training days ({} to {})", configs.size(),
               spans.training.size(), core::format_date(d.training_first),
               core::format_date(d.training_last));
  const auto training = checked_evaluate(evaluate, configs, spans.training, "training");
  for (std::size_t i = 0; i < training.size(); ++i) {
    RankedRun run{i, training[i], std::nullopt};
    if (usable(run.metrics)) {
      run.objective = objective(run.metrics);
      d.ranking.push_back(i);
    }
    d.training.push_back(std::move(run));
  }
  std::stable_sort(d.ranking.begin(), d.ranking.end(), [&](std::size_t a, std::size_t b) {
    const auto &ra = d.training[a], &rb = d.training[b];
    if (*ra.objective != *rb.objective) return *ra.objective > *rb.objective;
    if (ra.metrics.sharpe != rb.metrics.sharpe) return ra.metrics.sharpe > rb.metrics.sharpe;
    return a < b;
  });
  if (!d.ranking.empty()) d.best = d.ranking.front();

  GateInput gate;
  gate.n_valid = d.ranking.size();
  if (d.best) {
    const auto& best = d.training[*d.best];
    gate.best_trades = best.metrics.n_trades;
    gate.best_sharpe = best.metrics.sharpe;
    gate.best_objective = *best.objective;
    const auto& baseline = d.training[0];
    gate.baseline_objective = baseline.objective.value_or(0);
    // The later span, never seen in training: the best and the baseline.
    const auto holdout =
        checked_evaluate(evaluate, {configs[*d.best], configs[0]}, spans.holdout, "holdout");
    d.best_holdout = holdout[0];
    d.baseline_holdout = holdout[1];
    if (usable(holdout[0])) gate.holdout_sharpe = holdout[0].sharpe;
  }
  d.gates = evaluate_gates(gate, options.gates);
  d.promoted = true;
  for (const auto& g : d.gates) {
    if (g.passed) continue;
    d.promoted = false;
    d.refused_by = g.name;
    break;
  }
  return d;
}

nlohmann::json decision_json(const TuningDecision& d, const TuningOptions& options) {
  auto combination = [&](std::size_t i) {
    return nlohmann::json{{"index", i},
                          {"parameters", combination_json(d.sample.combinations[i])},
                          {"training", metrics_json(d.training[i].metrics)}};
  };
  nlohmann::json ranking = nlohmann::json::array();
  for (std::size_t k = 0; k < d.ranking.size() && k < 10; ++k)
    ranking.push_back(combination(d.ranking[k]));
  nlohmann::json gates = nlohmann::json::array();
  for (const auto& g : d.gates)
    gates.push_back({{"gate", g.name}, {"passed", g.passed}, {"detail", g.detail}});
  std::size_t n_valid = d.ranking.size();
  nlohmann::json out = {
      {"promoted", d.promoted},
      {"refused_by", d.refused_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.refused_by)},
      {"seed", options.seed},
      {"max_trials", options.max_trials},
      {"n_combinations", d.sample.combinations.size()},
      {"full_grid", d.sample.full_grid},
      {"n_valid", n_valid},
      {"training_span", {core::format_date(d.training_first), core::format_date(d.training_last)}},
      {"holdout_span", {core::format_date(d.holdout_first), core::format_date(d.holdout_last)}},
      {"baseline", combination(0)},
      {"ranking", ranking},
      {"gates", gates}};
  if (d.baseline_holdout) out["baseline"]["holdout"] = metrics_json(*d.baseline_holdout);
  if (d.best) {
    out["best"] = combination(*d.best);
    if (d.best_holdout) out["best"]["holdout"] = metrics_json(*d.best_holdout);
    const auto improvement =
        improvement_of(*d.training[*d.best].objective, d.training[0].objective.value_or(0));
    out["improvement_pct"] = improvement ? nlohmann::json(*improvement * 100) : nullptr;
  }
  return out;
}

nlohmann::json apply_decision(core::ArtifactStore& store, const TuningDecision& d,
                              const TuningOptions& options, core::Date date, core::Timestamp now) {
  auto out = decision_json(d, options);
  if (d.baseline_holdout && usable(*d.baseline_holdout)) {
    out["regression"] =
        check_regression(store, d.baseline_holdout->sharpe, options.gates, date).to_json();
  } else {
    out["regression"] = RegressionCheck{}.to_json();
    out["regression"]["detail"] = "the baseline has no holdout figures; not checked";
  }
  out["written"] = nullptr;
  if (d.promoted && d.best && d.best_holdout) {
    const auto& best = d.training[*d.best];
    Promotion p;
    p.parameters = combination_json(d.sample.combinations[*d.best]);
    p.training_sharpe = best.metrics.sharpe;
    p.holdout_sharpe = d.best_holdout->sharpe;
    p.total_alpha = best.metrics.total_alpha;
    p.improvement = improvement_of(*best.objective, d.training[0].objective.value_or(0));
    p.n_combos_tested = d.sample.combinations.size();
    out["written"] = promote_parameters(store, p, date, now);
  }
  return out;
}

}  // namespace ae::backtest
