#include "research/population.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "research/parameter_tables.h"

namespace ae::research {
namespace {

bool weaker(const Member& a, const Member& b) {
  if (a.score != b.score) return a.score < b.score;
  return a.ticker < b.ticker;
}

}  // namespace

std::string_view exit_reason_name(ExitReason reason) {
  switch (reason) {
    case ExitReason::kUniverseDrop:
      return "UNIVERSE_DROP";
    case ExitReason::kThesisCollapse:
      return "thesis_collapse";
    case ExitReason::kScoreDegraded:
      return "score_degraded";
    case ExitReason::kForcedRotation:
      return "FORCED_ROTATION";
  }
  return "";
}

PopulationParams population_params(const core::ParameterSet& p) {
  return core::bound_config<PopulationParams>(p, population_parameter_table());
}

int tenure_weeks(const Member& member, core::Date run_date) {
  const auto days =
      (std::chrono::sys_days(run_date) - std::chrono::sys_days(member.entry_date)).count();
  return static_cast<int>(days / 7);
}

ExitEvaluation evaluate_exits(const std::vector<Member>& current,
                              const std::set<std::string>& universe_members, core::Date run_date,
                              const PopulationParams& params) {
  ExitEvaluation out;
  std::vector<Member> degraded;
  for (const auto& m : current) {
    if (!universe_members.count(m.ticker)) {
      out.exits.push_back({m, ExitReason::kUniverseDrop, "no longer an index member"});
    } else if (m.score < params.thesis_collapse_threshold) {
      out.exits.push_back(
          {m, ExitReason::kThesisCollapse,
           fmt::format("score {:.1f} below {:.0f}", m.score, params.thesis_collapse_threshold)});
    } else if (m.score < params.min_long_term_score &&
               tenure_weeks(m, run_date) >= params.min_tenure_weeks) {
      degraded.push_back(m);
    } else {
      out.remaining.push_back(m);
    }
  }
  std::sort(degraded.begin(), degraded.end(), weaker);
  for (std::size_t i = 0; i < degraded.size(); ++i) {
    if (i < params.max_rotations_per_run) {
      out.exits.push_back(
          {degraded[i], ExitReason::kScoreDegraded,
           fmt::format("score {:.1f} below {:.0f} after {} weeks", degraded[i].score,
                       params.min_long_term_score, tenure_weeks(degraded[i], run_date))});
    } else {
      out.remaining.push_back(degraded[i]);
    }
  }
  out.open_slots =
      out.remaining.size() >= params.target_size ? 0 : params.target_size - out.remaining.size();
  return out;
}

PopulationUpdate apply_entries(const ExitEvaluation& evaluation,
                               const std::vector<Member>& entrants,
                               const PopulationParams& params) {
  PopulationUpdate out;
  out.exits = evaluation.exits;
  std::vector<Member> incumbents = evaluation.remaining;
  std::vector<Member> admitted;
  std::set<std::string> present;
  for (const auto& m : incumbents) present.insert(m.ticker);
  for (const auto& e : entrants) {
    if (incumbents.size() + admitted.size() >= params.max_size) break;
    if (!present.insert(e.ticker).second) continue;
    admitted.push_back(e);
    out.entered.push_back(e.ticker);
  }
  if (!admitted.empty()) {
    const Member weakest_entrant = *std::min_element(admitted.begin(), admitted.end(), weaker);
    std::sort(incumbents.begin(), incumbents.end(), weaker);
    std::size_t removed = 0;
    while (incumbents.size() - removed + admitted.size() > params.target_size &&
           removed < incumbents.size() && incumbents[removed].score < weakest_entrant.score) {
      out.exits.push_back({incumbents[removed], ExitReason::kForcedRotation,
                           fmt::format("score {:.1f} replaced by a stronger entrant ({:.1f})",
                                       incumbents[removed].score, weakest_entrant.score)});
      ++removed;
    }
    incumbents.erase(incumbents.begin(), incumbents.begin() + static_cast<std::ptrdiff_t>(removed));
  }
  out.population = std::move(incumbents);
  out.population.insert(out.population.end(), admitted.begin(), admitted.end());
  std::sort(out.population.begin(), out.population.end(),
            [](const Member& a, const Member& b) { return a.ticker < b.ticker; });
  return out;
}

}  // namespace ae::research
