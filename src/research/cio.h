// The CIO (chief investment officer stage): decisions on the teams'
// recommendations, then the reference's deterministic post-processing, kept
// verbatim whatever produced the decisions (the rule below or an agent):
//   1. reconcile: drop tickers that are not candidates; on duplicates keep
//      the more conservative decision (REJECT > DEADLOCK > ADVANCE); a
//      candidate without a decision is an error (InvalidInput);
//   2. cap = min(max_new_entrants, n), floor = min(min_new_entrants, n, cap),
//      counting net-new names only (re-affirmed holdings are unbounded);
//   3. net-new ADVANCEs above the cap: keep the highest conviction;
//   4. net-new below the floor: force-fill from non-advanced, non-held
//      decisions with conviction >= force_fill_conviction_floor, highest
//      first (ADVANCE_FORCED);
//   5. tripwire: net-new below new_entrant_alert_floor is flagged.
// The rule CIO: REJECT when quant (or a present qual) < veto_below
// (quant_veto / qual_veto), when quant and qual are both < dual_floor
// (dual_score_floor), when the sector is underweight and the final score is
// below underweight_min_score (macro_alignment); otherwise ADVANCE. The
// conviction is the final score; ranks follow conviction.
// lax_fallback is the reference's "CIO unusable" path: advance exactly
// `floor` candidates by (quant + qual) / 2, conviction = int(that).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/contracts/signals.h"
#include "core/parameters.h"

namespace ae::research {

enum class CioVerdict { kAdvance, kAdvanceForced, kReject, kDeadlock };
std::string_view cio_verdict_name(CioVerdict verdict);  // "ADVANCE", ...
// "ADVANCE" | "REJECT" | "NO_ADVANCE_DEADLOCK"; nullopt otherwise.
std::optional<CioVerdict> parse_cio_verdict(std::string_view text);

struct CioCandidate {
  std::string ticker;
  double quant_score = 0;
  std::optional<double> qual_score;
  double final_score = 0;
  core::SectorRating sector_rating = core::SectorRating::kMarketWeight;
  bool held = false;
};

struct CioDecision {
  std::string ticker;
  CioVerdict verdict = CioVerdict::kReject;
  int rank = 0;
  double conviction = 0;  // 0-100
  std::string rationale;
  std::vector<std::string> rule_tags;
};

// The cio.* parameters the rule CIO reads; members and defaults expand from
// their rows in research_parameter_list.def.
struct CioParams {
#define AE_CIO_PARAMETER(key, member, type, value, min, max, description) type member = value;
#include "research/research_parameter_list.def"
};
CioParams cio_params(const core::ParameterSet& parameters);

struct CioOutcome {
  std::vector<CioDecision> decisions;  // one per candidate, candidate order
  std::vector<std::string> advanced;   // ADVANCE + ADVANCE_FORCED, best first
  std::size_t cap = 0;
  std::size_t floor = 0;
  std::size_t net_new = 0;
  bool tripwire = false;
};

std::vector<CioDecision> rule_cio(const std::vector<CioCandidate>& candidates,
                                  const CioParams& params);

std::vector<CioDecision> lax_fallback(const std::vector<CioCandidate>& candidates,
                                      const CioParams& params);

CioOutcome post_process(const std::vector<CioDecision>& raw,
                        const std::vector<CioCandidate>& candidates, const CioParams& params);

}  // namespace ae::research
