// Population management (exits, entries, rotation). The population is
// the set of names Research holds a view on (target 25, cap 30).
// evaluate_exits, on members whose scores were refreshed this run:
//   1. UNIVERSE_DROP: no longer an index member (does not count as rotation);
//   2. thesis_collapse: score < thesis_collapse_threshold, any tenure;
//   3. score_degraded: score < min_long_term_score with tenure
//      (whole weeks since entry) >= min_tenure_weeks, lowest score first, at
//      most max_rotations_per_run;
//   open_slots = max(0, target_size - remaining).
// apply_entries admits the CIO's advanced net-new names in order up to
// max_size, then, while the population exceeds target_size, removes the
// weakest incumbent only if its score is below the weakest admitted
// entrant's (FORCED_ROTATION): an incumbent is replaced only by a stronger
// entrant. Ties break by ticker.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/contracts/signals.h"
#include "core/parameters.h"
#include "market/sectors.h"

namespace ae::research {

struct Member {
  std::string ticker;
  market::Sector sector = market::Sector::kTechnology;
  core::Date entry_date;
  double score = 0;
  core::Rating rating = core::Rating::kHold;
  core::Conviction conviction = core::Conviction::kStable;
  std::string thesis_summary;
};

enum class ExitReason { kUniverseDrop, kThesisCollapse, kScoreDegraded, kForcedRotation };
std::string_view exit_reason_name(ExitReason reason);  // "UNIVERSE_DROP", ...

struct PopulationExit {
  Member member;
  ExitReason reason = ExitReason::kUniverseDrop;
  std::string detail;
};

// The population.* parameters; members and defaults expand from their rows
// in research_parameter_list.def.
struct PopulationParams {
#define AE_POPULATION_PARAMETER(key, member, type, value, min, max, description) \
  type member = value;
#include "research/research_parameter_list.def"
};
PopulationParams population_params(const core::ParameterSet& parameters);

struct ExitEvaluation {
  std::vector<Member> remaining;
  std::vector<PopulationExit> exits;
  std::size_t open_slots = 0;
};

int tenure_weeks(const Member& member, core::Date run_date);

ExitEvaluation evaluate_exits(const std::vector<Member>& current,
                              const std::set<std::string>& universe_members, core::Date run_date,
                              const PopulationParams& params);

struct PopulationUpdate {
  std::vector<Member> population;  // sorted by ticker
  std::vector<std::string> entered;
  std::vector<PopulationExit> exits;  // evaluate_exits' plus forced rotations
};

PopulationUpdate apply_entries(const ExitEvaluation& evaluation,
                               const std::vector<Member>& entrants, const PopulationParams& params);

}  // namespace ae::research
