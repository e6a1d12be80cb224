#include "backtest/parameter_grid.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "core/error.h"
#include "executor/risk_parameters.h"

namespace ae::backtest {
namespace {

using executor::RiskConfig;

// One tunable: its tuned alias and the RiskConfig field it sets.
struct Tunable {
  const char* name;
  double RiskConfig::*real = nullptr;
  int RiskConfig::*whole = nullptr;
};

constexpr Tunable kTunables[] = {
    {"min_score", &RiskConfig::min_score_to_enter},
    {"max_position_pct", &RiskConfig::max_position_pct},
    {"atr_multiplier", &RiskConfig::atr_multiplier},
    {"time_decay_reduce_days", nullptr, &RiskConfig::time_decay_reduce_days},
    {"time_decay_exit_days", nullptr, &RiskConfig::time_decay_exit_days},
    {"profit_take_pct", &RiskConfig::profit_take_pct},
    {"momentum_gate_threshold", &RiskConfig::momentum_gate_threshold},
    {"momentum_exit_threshold", &RiskConfig::momentum_exit_threshold},
    {"reduce_fraction", &RiskConfig::reduce_fraction},
    {"atr_sizing_target_risk", &RiskConfig::atr_sizing_target_risk},
    {"confidence_sizing_min", &RiskConfig::confidence_sizing_min},
    {"confidence_sizing_range", &RiskConfig::confidence_sizing_range},
    {"p_up_sizing_blend", &RiskConfig::p_up_sizing_blend},
    {"staleness_decay_per_day", &RiskConfig::staleness_decay_per_day},
    {"earnings_sizing_reduction", &RiskConfig::earnings_sizing_reduction},
    {"earnings_proximity_days", nullptr, &RiskConfig::earnings_proximity_days},
    {"correlation_block_threshold", &RiskConfig::correlation_block_threshold},
};

constexpr const char* kSafety[] = {"drawdown_circuit_breaker", "drawdown_peak_window_days",
                                   "max_sector_pct", "max_equity_pct"};

const Tunable& tunable(const std::string& name) {
  for (const auto& t : kTunables)
    if (name == t.name) return t;
  for (const char* s : kSafety)
    if (name == s)
      throw core::InvalidInput(
          fmt::format("parameter grid: '{}' is a safety parameter and is never tuned", name));
  throw core::InvalidInput(fmt::format("parameter grid: unknown parameter '{}' (tunable: {})", name,
                                       fmt::join(tunable_parameters(), ", ")));
}

double current_value(const Tunable& t, const RiskConfig& c) {
  return t.real ? c.*(t.real) : static_cast<double>(c.*(t.whole));
}

// The executor's allowed range of a tuned alias.
std::pair<double, double> range_of(const std::string& alias) {
  const auto parameters = executor::risk_parameters();
  for (const auto& spec : parameters.specs())
    if (spec.tuned_alias == alias) return {spec.min, spec.max};
  throw core::InvalidInput(fmt::format("parameter grid: no executor range for '{}'", alias));
}

std::string number_text(double v) { return fmt::format("{:g}", v); }

// Uniform in [0, n) without modulo bias, identical on every standard library.
std::uint64_t uniform_below(std::mt19937_64& rng, std::uint64_t n) {
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
  std::uint64_t draw = rng();
  while (draw >= limit) draw = rng();
  return draw % n;
}

}  // namespace

std::vector<std::string> tunable_parameters() {
  std::vector<std::string> out;
  for (const auto& t : kTunables) out.emplace_back(t.name);
  return out;
}

std::vector<std::string> safety_parameters() { return {std::begin(kSafety), std::end(kSafety)}; }

ParameterGrid::ParameterGrid(std::vector<GridAxis> axes) : axes_(std::move(axes)) {
  if (axes_.empty()) throw core::InvalidInput("parameter grid: no axes (empty grid)");
  std::set<std::string> seen;
  for (auto& axis : axes_) {
    const auto& t = tunable(axis.name);
    if (!seen.insert(axis.name).second)
      throw core::InvalidInput(fmt::format("parameter grid: axis '{}' given twice", axis.name));
    if (axis.values.empty())
      throw core::InvalidInput(fmt::format("parameter grid: axis '{}' has no values", axis.name));
    const auto [lo, hi] = range_of(axis.name);
    for (double v : axis.values) {
      if (!std::isfinite(v) || v < lo || v > hi)
        throw core::InvalidInput(fmt::format("parameter grid: {} = {} is outside [{}, {}]",
                                             axis.name, number_text(v), number_text(lo),
                                             number_text(hi)));
      if (t.whole && v != std::floor(v))
        throw core::InvalidInput(fmt::format("parameter grid: {} = {} must be a whole number",
                                             axis.name, number_text(v)));
    }
    std::sort(axis.values.begin(), axis.values.end());
    axis.values.erase(std::unique(axis.values.begin(), axis.values.end()), axis.values.end());
  }
}

std::size_t ParameterGrid::size() const {
  std::size_t n = 1;
  for (const auto& axis : axes_) n *= axis.values.size();
  return n;
}

Combination ParameterGrid::at(std::size_t index) const {
  if (index >= size())
    throw core::InvalidInput(
        fmt::format("parameter grid: index {} is past the grid's {} combinations", index, size()));
  Combination c;
  c.values.resize(axes_.size());
  for (std::size_t a = axes_.size(); a-- > 0;) {
    const auto& axis = axes_[a];
    c.values[a] = {axis.name, axis.values[index % axis.values.size()]};
    index /= axis.values.size();
  }
  return c;
}

std::size_t ParameterGrid::index_of(const Combination& combination) const {
  if (combination.values.size() != axes_.size())
    throw core::InvalidInput("parameter grid: combination has a different number of axes");
  std::size_t index = 0;
  for (std::size_t a = 0; a < axes_.size(); ++a) {
    const auto& axis = axes_[a];
    const auto& [name, value] = combination.values[a];
    const auto it = std::find(axis.values.begin(), axis.values.end(), value);
    if (name != axis.name || it == axis.values.end())
      throw core::InvalidInput(
          fmt::format("parameter grid: {} = {} is not on the grid", name, number_text(value)));
    index = index * axis.values.size() + static_cast<std::size_t>(it - axis.values.begin());
  }
  return index;
}

ParameterGrid ParameterGrid::with_values_of(const RiskConfig& base) const {
  auto axes = axes_;
  for (auto& axis : axes) axis.values.push_back(current_value(tunable(axis.name), base));
  return ParameterGrid(std::move(axes));
}

Combination ParameterGrid::combination_of(const RiskConfig& base) const {
  Combination c;
  for (const auto& axis : axes_)
    c.values.emplace_back(axis.name, current_value(tunable(axis.name), base));
  index_of(c);  // throws when a current value is not on the grid
  return c;
}

ParameterGrid reference_core_grid() {
  return ParameterGrid({{"min_score", {65, 70, 75, 80}},
                        {"max_position_pct", {0.05, 0.10, 0.15}},
                        {"atr_multiplier", {2, 2.5, 3, 4}},
                        {"time_decay_reduce_days", {5, 7, 10}},
                        {"time_decay_exit_days", {10, 15, 20}},
                        {"profit_take_pct", {0.15, 0.20, 0.25, 0.30}}});
}

ParameterGrid parameter_grid_from_json(const nlohmann::json& document) {
  if (!document.is_object() || !document.contains("axes") || !document["axes"].is_object())
    throw core::InvalidInput("parameter grid: expected {\"axes\": {\"<parameter>\": [values]}}");
  std::vector<GridAxis> axes;
  for (const auto& [name, values] : document["axes"].items()) {
    if (!values.is_array())
      throw core::InvalidInput(fmt::format("parameter grid: axis '{}' is not a list", name));
    GridAxis axis{name, {}};
    for (const auto& v : values) {
      if (!v.is_number())
        throw core::InvalidInput(
            fmt::format("parameter grid: axis '{}' has a value that is not a number", name));
      axis.values.push_back(v.get<double>());
    }
    axes.push_back(std::move(axis));
  }
  return ParameterGrid(std::move(axes));
}

RiskConfig apply_combination(const Combination& combination, RiskConfig base) {
  for (const auto& [name, value] : combination.values) {
    const auto& t = tunable(name);
    if (t.real)
      base.*(t.real) = value;
    else
      base.*(t.whole) = static_cast<int>(std::lround(value));
  }
  return base;
}

nlohmann::json combination_json(const Combination& combination) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : combination.values) {
    if (tunable(name).whole)
      out[name] = std::lround(value);
    else
      out[name] = value;
  }
  return out;
}

std::string describe(const Combination& combination) {
  std::string out;
  for (const auto& [name, value] : combination.values) {
    if (!out.empty()) out += ' ';
    out += name + "=" + number_text(value);
  }
  return out;
}

Sample sample_combinations(const ParameterGrid& grid, const Combination& baseline,
                           std::size_t max_trials, std::uint64_t seed) {
  if (max_trials == 0) throw core::InvalidInput("tuning: max_trials must be at least 1");
  const std::size_t base_index = grid.index_of(baseline);
  const std::size_t n = grid.size();
  Sample sample;
  sample.combinations.push_back(baseline);
  if (max_trials >= n) {
    sample.full_grid = true;
    for (std::size_t i = 0; i < n; ++i)
      if (i != base_index) sample.combinations.push_back(grid.at(i));
    return sample;
  }
  // Partial Fisher-Yates over the indices other than the baseline.
  std::vector<std::size_t> pool;
  pool.reserve(n - 1);
  for (std::size_t i = 0; i < n; ++i)
    if (i != base_index) pool.push_back(i);
  std::mt19937_64 rng(seed);
  for (std::size_t k = 0; k + 1 < max_trials; ++k) {
    const std::size_t j = k + uniform_below(rng, pool.size() - k);
    std::swap(pool[k], pool[j]);
    sample.combinations.push_back(grid.at(pool[k]));
  }
  return sample;
}

}  // namespace ae::backtest
