#include "backtest/promotion.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cmath>

#include "core/error.h"
#include "executor/risk_parameters.h"

namespace ae::backtest {
namespace {

constexpr double kZeroObjective = 1e-12;

std::string dump(const nlohmann::json& document) { return document.dump(2) + "\n"; }

std::optional<nlohmann::json> read_json(const core::ArtifactStore& store, const std::string& key) {
  const auto text = store.try_get(key);
  if (!text) return std::nullopt;
  auto document = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded())
    throw core::InvalidInput(fmt::format("tuning: store object {} is not valid JSON", key));
  return document;
}

}  // namespace

std::optional<double> improvement_of(double best_objective, double baseline_objective) {
  if (std::abs(baseline_objective) < kZeroObjective) return std::nullopt;
  return (best_objective - baseline_objective) / std::abs(baseline_objective);
}

std::vector<GateResult> evaluate_gates(const GateInput& in, const GateThresholds& t) {
  std::vector<GateResult> out;
  out.push_back(
      {"valid_combinations", in.n_valid >= t.min_valid_combinations,
       fmt::format("{} valid combinations (need >= {})", in.n_valid, t.min_valid_combinations)});
  out.push_back({"min_trades", in.best_trades >= t.min_trades,
                 fmt::format("best has {} trades (need >= {})", in.best_trades, t.min_trades)});
  out.push_back({"sharpe_non_negative", in.best_sharpe >= t.min_sharpe,
                 fmt::format("best Sharpe {:.4f} (need >= {:g})", in.best_sharpe, t.min_sharpe)});
  const auto improvement = improvement_of(in.best_objective, in.baseline_objective);
  if (improvement) {
    out.push_back({"improvement", *improvement >= t.min_improvement,
                   fmt::format("objective {:.4f} vs baseline {:.4f}: {:+.1f}% (need >= {:.0f}%)",
                               in.best_objective, in.baseline_objective, *improvement * 100,
                               t.min_improvement * 100)});
  } else {
    const double gain = in.best_objective - in.baseline_objective;
    out.push_back({"improvement", gain >= t.min_improvement,
                   fmt::format("objective {:.4f} vs baseline 0: gain {:.4f} (need >= {:g})",
                               in.best_objective, gain, t.min_improvement)});
  }
  if (!in.holdout_sharpe) {
    out.push_back({"holdout", false, "holdout span not evaluated"});
  } else {
    const double need = t.holdout_ratio * in.best_sharpe;
    out.push_back({"holdout", *in.holdout_sharpe >= need && *in.holdout_sharpe > 0,
                   fmt::format("holdout Sharpe {:.4f} (need >= {:.4f} = {:g} x training {:.4f}, "
                               "and > 0)",
                               *in.holdout_sharpe, need, t.holdout_ratio, in.best_sharpe)});
  }
  return out;
}

nlohmann::json promote_parameters(core::ArtifactStore& store, const Promotion& p, core::Date date,
                                  core::Timestamp now) {
  if (!p.parameters.is_object() || p.parameters.empty())
    throw core::InvalidInput("tuning: nothing to promote (no parameters)");
  nlohmann::json tuned = p.parameters;
  tuned["updated_at"] = core::format_timestamp(now);
  tuned["best_sharpe"] = p.training_sharpe;
  tuned["best_alpha"] = p.total_alpha;
  tuned["improvement_pct"] =
      p.improvement ? nlohmann::json(*p.improvement * 100) : nlohmann::json(nullptr);
  tuned["n_combos_tested"] = p.n_combos_tested;
  const auto day = core::format_date(date);
  if (auto current = store.try_get(executor::kTunedParametersKey))
    store.put(kPreviousParametersKey, *current);
  store.put(std::string(kParametersHistoryPrefix) + day + ".json", dump(tuned));
  store.put(executor::kTunedParametersKey, dump(tuned));
  store.put(kPromotionBaselineKey, dump({{"date", day},
                                         {"parameters", p.parameters},
                                         {"training_sharpe", p.training_sharpe},
                                         {"holdout_sharpe", p.holdout_sharpe}}));
  spdlog::info("tuning: promoted {} (holdout Sharpe {:.3f})", p.parameters.dump(),
               p.holdout_sharpe);
  return tuned;
}

nlohmann::json RegressionCheck::to_json() const {
  return {{"checked", checked},
          {"rolled_back", rolled_back},
          {"baseline_sharpe", baseline_sharpe ? nlohmann::json(*baseline_sharpe) : nullptr},
          {"newest_sharpe", newest_sharpe},
          {"detail", detail}};
}

RegressionCheck check_regression(core::ArtifactStore& store, double newest_sharpe,
                                 const GateThresholds& t, core::Date date) {
  RegressionCheck r;
  r.newest_sharpe = newest_sharpe;
  const auto baseline = read_json(store, kPromotionBaselineKey);
  if (!baseline) {
    r.detail = "no promotion baseline recorded";
    return r;
  }
  const auto current = read_json(store, executor::kTunedParametersKey);
  const auto& promoted = (*baseline)["parameters"];
  bool in_force = current && current->is_object() && promoted.is_object();
  if (in_force)
    for (const auto& [key, value] : promoted.items())
      if (!current->contains(key) || (*current)[key] != value) in_force = false;
  if (!in_force) {
    r.detail = "the promoted parameters are no longer in force; nothing to check";
    return r;
  }
  r.checked = true;
  const double reference = (*baseline).value("holdout_sharpe", 0.0);
  r.baseline_sharpe = reference;
  const double floor = reference - t.max_sharpe_drop * std::abs(reference);
  if (newest_sharpe >= floor) {
    r.detail = fmt::format("Sharpe {:.4f} vs {:.4f} at promotion on {}: within {:.0f}%",
                           newest_sharpe, reference, (*baseline).value("date", std::string("?")),
                           t.max_sharpe_drop * 100);
    return r;
  }
  r.rolled_back = true;
  if (auto previous = store.try_get(kPreviousParametersKey)) {
    store.put(executor::kTunedParametersKey, *previous);
    store.remove(kPreviousParametersKey);
  } else {
    store.remove(executor::kTunedParametersKey);
  }
  store.remove(kPromotionBaselineKey);
  r.detail = fmt::format(
      "Sharpe {:.4f} fell more than {:.0f}% below {:.4f} at promotion on {}: rolled back on {}",
      newest_sharpe, t.max_sharpe_drop * 100, reference,
      (*baseline).value("date", std::string("?")), core::format_date(date));
  spdlog::warn("tuning: {}", r.detail);
  return r;
}

}  // namespace ae::backtest
