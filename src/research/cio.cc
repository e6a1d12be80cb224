#include "research/cio.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.h"
#include "research/parameter_tables.h"

namespace ae::research {
namespace {

// Higher is more conservative.
int caution(CioVerdict v) {
  switch (v) {
    case CioVerdict::kReject:
      return 3;
    case CioVerdict::kDeadlock:
      return 2;
    case CioVerdict::kAdvanceForced:
    case CioVerdict::kAdvance:
      break;
  }
  return 1;
}

bool advanced(CioVerdict v) { return v == CioVerdict::kAdvance || v == CioVerdict::kAdvanceForced; }

bool by_conviction(const CioDecision* a, const CioDecision* b) {
  if (a->conviction != b->conviction) return a->conviction > b->conviction;
  return a->ticker < b->ticker;
}

void assign_ranks(std::vector<CioDecision>& decisions) {
  std::vector<CioDecision*> order;
  for (auto& d : decisions) order.push_back(&d);
  std::sort(order.begin(), order.end(), by_conviction);
  for (std::size_t i = 0; i < order.size(); ++i) order[i]->rank = static_cast<int>(i + 1);
}

}  // namespace

std::string_view cio_verdict_name(CioVerdict verdict) {
  switch (verdict) {
    case CioVerdict::kAdvance:
      return "ADVANCE";
    case CioVerdict::kAdvanceForced:
      return "ADVANCE_FORCED";
    case CioVerdict::kReject:
      return "REJECT";
    case CioVerdict::kDeadlock:
      return "NO_ADVANCE_DEADLOCK";
  }
  return "REJECT";
}

std::optional<CioVerdict> parse_cio_verdict(std::string_view text) {
  if (text == "ADVANCE") return CioVerdict::kAdvance;
  if (text == "REJECT") return CioVerdict::kReject;
  if (text == "NO_ADVANCE_DEADLOCK") return CioVerdict::kDeadlock;
  return std::nullopt;
}

CioParams cio_params(const core::ParameterSet& p) {
  return core::bound_config<CioParams>(p, cio_parameter_table());
}

std::vector<CioDecision> rule_cio(const std::vector<CioCandidate>& candidates,
                                  const CioParams& params) {
  std::vector<CioDecision> out;
  for (const auto& c : candidates) {
    CioDecision d;
    d.ticker = c.ticker;
    d.conviction = c.final_score;
    if (c.quant_score < params.veto_below) d.rule_tags.emplace_back("quant_veto");
    if (c.qual_score && *c.qual_score < params.veto_below) d.rule_tags.emplace_back("qual_veto");
    if (c.qual_score && c.quant_score < params.dual_floor && *c.qual_score < params.dual_floor)
      d.rule_tags.emplace_back("dual_score_floor");
    if (c.sector_rating == core::SectorRating::kUnderweight &&
        c.final_score < params.underweight_min_score)
      d.rule_tags.emplace_back("macro_alignment");
    if (d.rule_tags.empty()) {
      d.verdict = CioVerdict::kAdvance;
      d.rationale = fmt::format("final {:.1f}, quant {:.0f}", c.final_score, c.quant_score);
    } else {
      d.verdict = CioVerdict::kReject;
      d.rationale = fmt::format("rejected: {}", fmt::join(d.rule_tags, ", "));
    }
    out.push_back(std::move(d));
  }
  assign_ranks(out);
  return out;
}

std::vector<CioDecision> lax_fallback(const std::vector<CioCandidate>& candidates,
                                      const CioParams& params) {
  const std::size_t n = candidates.size();
  const std::size_t cap = std::min(params.max_new_entrants, n);
  const std::size_t floor = std::min({params.min_new_entrants, n, cap});
  std::vector<CioDecision> out;
  for (const auto& c : candidates) {
    const double score = c.qual_score ? (c.quant_score + *c.qual_score) / 2 : c.quant_score;
    CioDecision d;
    d.ticker = c.ticker;
    d.conviction = std::floor(score);
    d.verdict = CioVerdict::kReject;
    d.rationale = "lax fallback";
    d.rule_tags = {"other"};
    out.push_back(std::move(d));
  }
  assign_ranks(out);
  for (auto& d : out) {
    if (static_cast<std::size_t>(d.rank) <= floor) d.verdict = CioVerdict::kAdvance;
  }
  return out;
}

CioOutcome post_process(const std::vector<CioDecision>& raw,
                        const std::vector<CioCandidate>& candidates, const CioParams& params) {
  std::map<std::string, const CioCandidate*> by_ticker;
  for (const auto& c : candidates) by_ticker[c.ticker] = &c;
  // 1. Reconcile.
  std::map<std::string, CioDecision> chosen;
  for (const auto& d : raw) {
    if (!by_ticker.count(d.ticker)) continue;
    auto [it, inserted] = chosen.try_emplace(d.ticker, d);
    if (!inserted && caution(d.verdict) > caution(it->second.verdict)) it->second = d;
  }
  CioOutcome out;
  for (const auto& c : candidates) {
    auto it = chosen.find(c.ticker);
    if (it == chosen.end()) throw core::InvalidInput("CIO: no decision for candidate " + c.ticker);
    out.decisions.push_back(it->second);
  }
  // 2. Bounds.
  const std::size_t n = candidates.size();
  out.cap = std::min(params.max_new_entrants, n);
  out.floor = std::min({params.min_new_entrants, n, out.cap});
  const auto is_new = [&](const CioDecision& d) { return !by_ticker.at(d.ticker)->held; };
  // 3. Cap.
  std::vector<CioDecision*> new_advanced;
  for (auto& d : out.decisions) {
    if (advanced(d.verdict) && is_new(d)) new_advanced.push_back(&d);
  }
  std::sort(new_advanced.begin(), new_advanced.end(), by_conviction);
  for (std::size_t i = out.cap; i < new_advanced.size(); ++i) {
    new_advanced[i]->verdict = CioVerdict::kReject;
    new_advanced[i]->rule_tags.emplace_back("cap");
    new_advanced[i]->rationale += "; over the new-entrant cap";
  }
  if (new_advanced.size() > out.cap) new_advanced.resize(out.cap);
  // 4. Force-fill.
  if (new_advanced.size() < out.floor) {
    std::vector<CioDecision*> pool;
    for (auto& d : out.decisions) {
      if (!advanced(d.verdict) && is_new(d) && d.conviction >= params.force_fill_conviction_floor)
        pool.push_back(&d);
    }
    std::sort(pool.begin(), pool.end(), by_conviction);
    for (auto* d : pool) {
      if (new_advanced.size() >= out.floor) break;
      d->verdict = CioVerdict::kAdvanceForced;
      d->rationale += "; force-filled to the new-entrant floor";
      new_advanced.push_back(d);
    }
  }
  out.net_new = new_advanced.size();
  // 5. Tripwire.
  out.tripwire = out.net_new < params.new_entrant_alert_floor;
  std::vector<const CioDecision*> all_advanced;
  for (const auto& d : out.decisions) {
    if (advanced(d.verdict)) all_advanced.push_back(&d);
  }
  std::sort(all_advanced.begin(), all_advanced.end(), by_conviction);
  for (const auto* d : all_advanced) out.advanced.push_back(d->ticker);
  return out;
}

}  // namespace ae::research
