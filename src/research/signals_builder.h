// Builds signals.json (the `signals` contract, schemas/signals.schema.json)
// from a run's results, and the pre-write checks that refuse a bad file.
// Signal logic, for the new population and this run's exits:
//   - ENTER: a population name rated BUY (a CIO-admitted entrant or a
//     re-affirmed holding; every holding is re-scored each run);
//   - HOLD:  a population name not rated BUY;
//   - EXIT:  every exit (UNIVERSE_DROP, thesis_collapse, score_degraded,
//     FORCED_ROTATION), rating SELL, conviction declining, thesis = reason;
//   - team recommendations the CIO did not admit are omitted; REDUCE is
//     never emitted.
// buy_candidates = the ENTER entries minus the optional gates (coherence:
// underweight sector and score below the floor; quality floor: quality
// factor below the floor unless the sector is exempt, sector names matched
// through the canonicaliser), each with its catalysts.
// `sector` is the official GICS label; sector_modifiers/sector_ratings are
// keyed by canonical sector name; lookups go through market::Sector, so a
// label can never miss its modifier. The legacy `signals` dict keyed by
// ticker is added for consumers of the reference's v2 shape.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/contracts/signals.h"
#include "core/parameters.h"
#include "research/macro_rules.h"
#include "research/population.h"
#include "research/scoring.h"

namespace ae::research {

struct SignalsInputs {
  core::Date date;
  std::string generated_at;  // ISO timestamp from the clock
  const MacroView* macro = nullptr;
  const std::map<std::string, ScoredName>* scored = nullptr;  // fresh scores by ticker
  const PopulationUpdate* population = nullptr;
  nlohmann::json metadata = nlohmann::json::object();
};

core::Signals build_signals(const SignalsInputs& inputs, const core::ParameterSet& parameters);

// The document written to the store: to_json(signals) plus the legacy
// `signals` dict.
nlohmann::json signals_document(const core::Signals& signals,
                                const std::map<std::string, ScoredName>& scored);

// Throws SignalsRejected listing every problem: an ENTER whose sector is
// empty or unknown, an ENTER or HOLD ticker the bar store lacks, a score
// outside [0, 100] or not finite.
void check_signals(const core::Signals& signals,
                   const std::function<bool(std::string_view)>& in_bar_store);

}  // namespace ae::research
