// The three judgment steps: build each step's request, take the rule's
// result, and let a plugged-in agent (judgment.h) override it within bounds.
//   macro:       the agent may set the regime, any sector's modifier
//                (clamped to [0.70, 1.30]; sector names in any spelling) and
//                rating; the VIX/SPY guardrail is applied afterwards, so an
//                agent can escalate to bear but never talk the system out
//                of it. Unknown sector names reject the answer.
//   team_review: the agent picks at most picks_per_team names from the
//                team's slate, optionally with qual_score, conviction
//                (clamped to 0-100), thesis and catalysts. A ticker not on
//                the slate or too many picks reject the answer.
//   cio:         the agent decides on every candidate; the decisions go
//                through the deterministic post-processing (cio.h). A
//                missing candidate rejects the answer; the fallback is the
//                rule CIO, or the reference's top-2 lax fallback when
//                cio.agent_failure_policy is "top2".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/parameters.h"
#include "research/cio.h"
#include "research/judgment.h"
#include "research/macro_rules.h"
#include "research/scoring.h"

namespace ae::research {

MacroView judge_macro(Judgment& judgment, core::Date date, const MacroInputs& inputs,
                      const MacroView& rule, const core::ParameterSet& parameters);

struct TeamPick {
  std::string ticker;
  std::optional<double> qual_score;  // replaces the rule's when set
  std::optional<double> conviction;
  std::optional<std::string> thesis_summary;
  std::optional<std::vector<std::string>> catalysts;
};

std::vector<TeamPick> judge_team(Judgment& judgment, core::Date date, const TeamSlate& slate,
                                 core::MarketRegime regime, std::size_t picks_per_team);

CioOutcome judge_cio(Judgment& judgment, core::Date date,
                     const std::vector<CioCandidate>& candidates, core::MarketRegime regime,
                     const std::vector<std::string>& population, const CioParams& params,
                     const std::string& failure_policy);

}  // namespace ae::research
