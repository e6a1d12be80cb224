// Per-name scoring shared by the sector teams and the held-name re-score
// (the reference's sector-team and composite scoring):
//   quant   = the technical score (0-100)
//   qual    = the mean of the available fundamental factor composites, or
//             absent (the simulated market has no fundamentals)
//   factor  = the regime's factor subscore, or absent
//   weighted_base = w_q quant + w_ql qual + w_f factor, where an absent qual
//             moves its weight to quant (and vice versa) and an absent factor
//             subscore is redistributed pro rata over the quant/qual side;
//   macro_shift   = (sector modifier - 1) / 0.30 x 10      (in [-10, +10])
//   final  = clamp(weighted_base + macro_shift, 0, 100), rounded to 1 place;
//   rating = BUY >= buy_threshold, SELL <= sell_threshold, else HOLD;
//   conviction = rising >= 70, stable 40-69, declining < 40 (of the numeric
//             conviction, which the rule sets to the final score).
// The sector modifier is looked up by canonical sector, so no GICS spelling
// can miss it (the reference's label mismatch). Held names are scored by the
// same function every run (the reference froze their scores).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/contracts/signals.h"
#include "core/parameters.h"
#include "research/factors.h"
#include "research/indicators.h"
#include "research/macro_rules.h"

namespace ae::research {

// The six teams: technology, healthcare, financials, industrials
// (+ materials), consumer (discretionary, staples, communication services),
// defensives (energy, utilities, real estate).
std::string_view team_of(market::Sector sector);
const std::vector<std::string>& team_ids();

// The composite.* parameters; members and defaults expand from their rows in
// research_parameter_list.def.
struct CompositeWeights {
#define AE_COMPOSITE_PARAMETER(key, member, type, value, min, max, description) type member = value;
#include "research/research_parameter_list.def"
};
CompositeWeights composite_weights(const core::ParameterSet& parameters);

struct Composite {
  double weighted_base = 0;
  double macro_shift = 0;
  double final_score = 0;
  core::Rating rating = core::Rating::kHold;
};

Composite compute_composite(double quant, std::optional<double> qual, std::optional<double> factor,
                            double sector_modifier, const CompositeWeights& weights);

core::Conviction conviction_label(double conviction);

struct ScoredName {
  std::string ticker;
  market::Sector sector = market::Sector::kTechnology;
  std::string team;
  double price = 0;
  double technical_score = 0;
  double quant_score = 0;
  std::optional<double> qual_score;
  std::optional<double> factor_subscore;
  FactorProfile factors;
  Composite composite;
  double conviction_value = 0;
  core::Conviction conviction = core::Conviction::kStable;
  std::string thesis_summary;
  std::vector<std::string> catalysts;
  // Upside to the 52-week high (decimal, >= 0); absent without a year of bars.
  std::optional<double> price_target_upside;
};

ScoredName score_name(const Indicators& indicators, const FactorProfile& factors,
                      double technical_score, const MacroView& macro,
                      const core::ParameterSet& parameters);

// Recomputes composite, conviction and rating after a judge changed the qual
// score or the numeric conviction (nullopt: conviction = final score).
void rescore(ScoredName& name, const MacroView& macro, const CompositeWeights& weights,
             std::optional<double> conviction);

// A team's slate: its input-set names ranked by quant score (then ticker),
// the top `quant_top_n`.
struct TeamSlate {
  std::string team;
  std::vector<const ScoredName*> names;
};
std::vector<TeamSlate> build_team_slates(const std::vector<ScoredName>& input_set,
                                         std::size_t quant_top_n);

// The rule team review: the slate's best `picks` by final score (then ticker).
std::vector<std::string> rule_team_picks(const TeamSlate& slate, std::size_t picks);

}  // namespace ae::research
