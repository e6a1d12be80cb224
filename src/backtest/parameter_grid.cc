#include "backtest/parameter_grid.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "core/closest_names.h"
#include "core/error.h"
#include "executor/risk_parameters.h"

namespace ae::backtest {
namespace {

using executor::RiskConfig;
using executor::RiskParameter;
using executor::Tuning;

// The name a grid axis gives a parameter: its tuned alias, else its key.
const std::string& flat_name(const RiskParameter& p) {
  return p.spec.tuned_alias.empty() ? p.spec.key : p.spec.tuned_alias;
}

const RiskParameter& tunable(const std::string& name) {
  for (const auto& p : executor::risk_parameter_table()) {
    if (flat_name(p) != name || p.tuning == Tuning::kFixed) continue;
    if (p.tuning == Tuning::kSafety)
      throw core::InvalidInput(
          fmt::format("parameter grid: '{}' is a safety parameter and is never tuned", name));
    return p;
  }
  const auto tunables = tunable_parameters();
  throw core::InvalidInput(fmt::format("parameter grid: unknown parameter '{}'{} (tunable: {})",
                                       name, core::did_you_mean(name, tunables),
                                       fmt::join(tunables, ", ")));
}

bool is_whole(const RiskParameter& p) { return p.spec.type == core::ParameterType::kInt; }

double current_value(const RiskParameter& p, const RiskConfig& c) {
  if (is_whole(p)) return static_cast<double>(c.*std::get<int RiskConfig::*>(p.member));
  return c.*std::get<double RiskConfig::*>(p.member);
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
  for (const auto& p : executor::risk_parameter_table())
    if (p.tuning == Tuning::kTunable) out.push_back(flat_name(p));
  return out;
}

std::vector<std::string> safety_parameters() {
  std::vector<std::string> out;
  for (const auto& p : executor::risk_parameter_table())
    if (p.tuning == Tuning::kSafety) out.push_back(flat_name(p));
  return out;
}

ParameterGrid::ParameterGrid(std::vector<GridAxis> axes) : axes_(std::move(axes)) {
  if (axes_.empty()) throw core::InvalidInput("parameter grid: no axes (empty grid)");
  std::set<std::string> seen;
  for (auto& axis : axes_) {
    const auto& p = tunable(axis.name);
    if (!seen.insert(axis.name).second)
      throw core::InvalidInput(fmt::format("parameter grid: axis '{}' given twice", axis.name));
    if (axis.values.empty())
      throw core::InvalidInput(fmt::format("parameter grid: axis '{}' has no values", axis.name));
    const double lo = p.spec.min, hi = p.spec.max;
    for (double v : axis.values) {
      if (!std::isfinite(v) || v < lo || v > hi)
        throw core::InvalidInput(fmt::format("parameter grid: {} = {} is outside [{}, {}]",
                                             axis.name, number_text(v), number_text(lo),
                                             number_text(hi)));
      if (is_whole(p) && v != std::floor(v))
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

ParameterGrid construction_grid() {
  return ParameterGrid({{"max_names", {25, 50, 100}},
                        {"stock_sleeve_pct", {0.4, 0.6, 0.8, 0.95}},
                        {"min_holding_days", {5, 10, 21}},
                        {"hold_rank_multiple", {1.5, 3, 5}}});
}

ParameterGrid tuning_grid(const executor::RiskConfig& config) {
  return (config.benchmark_relative ? construction_grid() : reference_core_grid())
      .with_values_of(config);
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
    const auto& p = tunable(name);
    if (is_whole(p))
      base.*std::get<int RiskConfig::*>(p.member) = static_cast<int>(std::lround(value));
    else
      base.*std::get<double RiskConfig::*>(p.member) = value;
  }
  return base;
}

nlohmann::json combination_json(const Combination& combination) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : combination.values) {
    if (is_whole(tunable(name)))
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
