// The executor parameter grids the weekly tuning searches (reference_core_grid()
// is the reference's own core grid, construction_grid() the benchmark-relative
// construction's; tuning_grid() picks the one the configuration uses), and the
// seeded sampling of a grid's combinations.
//
// An axis is named by the parameter's flat tuned alias, the key that
// config/executor_params.json carries: min_score, max_position_pct,
// atr_multiplier, time_decay_reduce_days, time_decay_exit_days,
// profit_take_pct and a few more. Which parameters are tunable and which are
// safety parameters (drawdown circuit breaker and window, sector cap, equity
// cap) is a column of the executor's parameter table
// (executor/risk_parameter_list.def). Every value is checked against the
// executor's own allowed range, integer parameters must get whole numbers,
// and a safety parameter can never be an axis: asking for one is
// InvalidInput. Units are the executor's: decimals, and research scores on
// the 0-100 scale (our min_score_to_enter is that scale, as the reference's).
//
// A Combination is one value per axis, applied onto a base RiskConfig (every
// other field keeps the base's value). Sampling is deterministic for a seed
// (std::mt19937_64 with rejection sampling, the same on every platform):
// the baseline (the current parameters) is always combination 0, then
// max_trials - 1 further unique combinations drawn without replacement; when
// max_trials >= the grid size the whole grid is returned, baseline first and
// the rest in grid order.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "executor/risk_config.h"

namespace ae::backtest {

struct GridAxis {
  std::string name;  // tuned alias, e.g. "atr_multiplier"
  std::vector<double> values;
};

struct Combination {
  std::vector<std::pair<std::string, double>> values;  // one per axis, axis order

  bool operator==(const Combination&) const = default;
};

class ParameterGrid {
 public:
  // Throws InvalidInput for an empty grid, an empty axis, an unknown or
  // safety parameter, a duplicate axis, a value out of range or a fractional
  // value for an integer parameter. Values are sorted and deduplicated.
  explicit ParameterGrid(std::vector<GridAxis> axes);

  const std::vector<GridAxis>& axes() const { return axes_; }
  std::size_t size() const;  // product of the axis sizes
  // Mixed-radix index -> combination (the last axis varies fastest).
  Combination at(std::size_t index) const;
  std::size_t index_of(const Combination& combination) const;

  // The same grid with the base config's current value added to each axis
  // (the reference seeded its grid with the live values).
  ParameterGrid with_values_of(const executor::RiskConfig& base) const;
  // The combination holding the base config's value on every axis; it must
  // be in the grid (use with_values_of first).
  Combination combination_of(const executor::RiskConfig& base) const;

 private:
  std::vector<GridAxis> axes_;
};

// The reference's core grid: min_score [65 70 75 80], max_position_pct
// [.05 .10 .15], atr_multiplier [2 2.5 3 4], time_decay_reduce_days [5 7 10],
// time_decay_exit_days [10 15 20], profit_take_pct [.15 .20 .25 .30].
ParameterGrid reference_core_grid();

// The benchmark-relative construction's grid: max_names [25 50 100],
// stock_sleeve_pct [.4 .6 .8 .95], min_holding_days [5 10 21],
// hold_rank_multiple [1.5 3 5].
ParameterGrid construction_grid();

// The grid whose axes act under `config`: construction_grid() when the
// construction is benchmark-relative, else reference_core_grid(); with the
// config's current values added (with_values_of).
ParameterGrid tuning_grid(const executor::RiskConfig& config);

// {"axes": {"atr_multiplier": [2, 3], ...}}; axes in name order (a JSON object
// is unordered).
ParameterGrid parameter_grid_from_json(const nlohmann::json& document);

// The names that may be axes (tuned aliases), and those that never may, in
// the order of the executor's parameter table.
std::vector<std::string> tunable_parameters();
std::vector<std::string> safety_parameters();

executor::RiskConfig apply_combination(const Combination& combination, executor::RiskConfig base);
// {"atr_multiplier": 3.0, "time_decay_exit_days": 15, ...}: integer
// parameters as JSON integers, the shape config/executor_params.json takes.
nlohmann::json combination_json(const Combination& combination);
std::string describe(const Combination& combination);  // "atr_multiplier=3 min_score=70 ..."

struct Sample {
  std::vector<Combination> combinations;  // [0] is the baseline
  bool full_grid = false;
};

// Throws InvalidInput when max_trials is 0 or the baseline is not in the grid.
Sample sample_combinations(const ParameterGrid& grid, const Combination& baseline,
                           std::size_t max_trials, std::uint64_t seed);

}  // namespace ae::backtest
