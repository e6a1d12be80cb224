#include "research/signals_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "research/errors.h"

namespace ae::research {
namespace {

core::SignalEntry entry_for(const ScoredName& s, const MacroView& macro) {
  core::SignalEntry e;
  e.ticker = s.ticker;
  e.score = s.composite.final_score;
  e.rating = s.composite.rating;
  e.conviction = s.conviction;
  e.sector = std::string(market::gics_name(s.sector));
  e.sector_rating = macro.sectors[static_cast<int>(s.sector)].rating;
  e.price_target_upside = s.price_target_upside;
  e.thesis_summary = s.thesis_summary;
  std::map<std::string, double> sub = {{"quant", s.quant_score}, {"technical", s.technical_score}};
  if (s.qual_score) sub["qual"] = *s.qual_score;
  if (s.factor_subscore) sub["factor"] = *s.factor_subscore;
  e.sub_scores = sub;
  e.factor_quality_score = s.factors.get(Factor::kQuality);
  return e;
}

int signal_order(core::SignalAction a) {
  switch (a) {
    case core::SignalAction::kEnter:
      return 0;
    case core::SignalAction::kHold:
      return 1;
    case core::SignalAction::kReduce:
      return 2;
    case core::SignalAction::kExit:
      break;
  }
  return 3;
}

}  // namespace

core::Signals build_signals(const SignalsInputs& in, const core::ParameterSet& p) {
  const MacroView& macro = *in.macro;
  core::Signals out;
  out.date = in.date;
  out.run_date = in.generated_at;
  out.time = in.generated_at;
  out.architecture_version = "sector_teams";
  out.market_regime = macro.regime;
  for (market::Sector sector : market::all_sectors()) {
    const auto& call = macro.sectors[static_cast<int>(sector)];
    const std::string name(market::sector_name(sector));
    out.sector_modifiers[name] = call.modifier;
    out.sector_ratings[name] = {call.rating, call.modifier, call.rationale};
  }
  std::vector<std::string> population;
  for (const auto& m : in.population->population) {
    population.push_back(m.ticker);
    auto e = entry_for(in.scored->at(m.ticker), macro);
    e.signal =
        e.rating == core::Rating::kBuy ? core::SignalAction::kEnter : core::SignalAction::kHold;
    out.universe.push_back(std::move(e));
  }
  out.population = population;
  for (const auto& exit : in.population->exits) {
    const auto& m = exit.member;
    core::SignalEntry e;
    if (auto it = in.scored->find(m.ticker); it != in.scored->end()) {
      e = entry_for(it->second, macro);
    } else {
      e.ticker = m.ticker;
      e.score = m.score;
      e.sector = std::string(market::gics_name(m.sector));
      e.sector_rating = macro.sectors[static_cast<int>(m.sector)].rating;
    }
    e.signal = core::SignalAction::kExit;
    e.rating = core::Rating::kSell;
    e.conviction = core::Conviction::kDeclining;
    e.thesis_summary = fmt::format("{}: {}", exit_reason_name(exit.reason), exit.detail);
    out.universe.push_back(std::move(e));
  }
  std::sort(out.universe.begin(), out.universe.end(), [](const auto& a, const auto& b) {
    if (a.signal != b.signal) return signal_order(a.signal) < signal_order(b.signal);
    return a.ticker < b.ticker;
  });

  const bool coherence = p.get_bool("gates.coherence_enabled");
  const double coherence_min = p.get_double("gates.coherence_min_score");
  const bool quality_floor = p.get_bool("gates.quality_floor_enabled");
  const double quality_min = p.get_double("gates.quality_floor_min_percentile");
  std::vector<market::Sector> exempt;
  for (const auto& label : p.get_string_list("gates.quality_floor_exempt_sectors"))
    exempt.push_back(market::canonical_sector(label));
  nlohmann::json blocked = nlohmann::json::array();
  for (const auto& e : out.universe) {
    if (e.signal != core::SignalAction::kEnter) continue;
    const auto& s = in.scored->at(e.ticker);
    if (coherence && e.sector_rating == core::SectorRating::kUnderweight &&
        e.score.value_or(0) < coherence_min) {
      blocked.push_back({{"ticker", e.ticker}, {"gate", "coherence"}});
      continue;
    }
    if (quality_floor && e.factor_quality_score && *e.factor_quality_score < quality_min &&
        std::find(exempt.begin(), exempt.end(), s.sector) == exempt.end()) {
      blocked.push_back({{"ticker", e.ticker}, {"gate", "quality_floor"}});
      continue;
    }
    auto candidate = e;
    candidate.catalysts = s.catalysts;
    out.buy_candidates.push_back(std::move(candidate));
  }
  nlohmann::json metadata = in.metadata;
  metadata["gates_blocked"] = blocked;
  out.metadata = metadata;
  return out;
}

nlohmann::json signals_document(const core::Signals& signals,
                                const std::map<std::string, ScoredName>& scored) {
  nlohmann::json document = signals;
  nlohmann::json legacy = nlohmann::json::object();
  for (const auto& e : signals.universe) {
    nlohmann::json row = {{"ticker", e.ticker},
                          {"score", e.score ? nlohmann::json(*e.score) : nlohmann::json(nullptr)},
                          {"rating", e.rating},
                          {"signal", e.signal},
                          {"conviction", e.conviction},
                          {"thesis_summary", e.thesis_summary.value_or("")},
                          {"sector", e.sector}};
    if (auto it = scored.find(e.ticker); it != scored.end()) {
      row["team_id"] = it->second.team;
      row["quant_score"] = it->second.quant_score;
      row["qual_score"] =
          it->second.qual_score ? nlohmann::json(*it->second.qual_score) : nlohmann::json(nullptr);
      row["factor_subscore"] = it->second.factor_subscore
                                   ? nlohmann::json(*it->second.factor_subscore)
                                   : nlohmann::json(nullptr);
    }
    if (e.sub_scores) row["sub_scores"] = *e.sub_scores;
    legacy[e.ticker] = std::move(row);
  }
  document["signals"] = legacy;
  return document;
}

void check_signals(const core::Signals& signals,
                   const std::function<bool(std::string_view)>& in_bar_store) {
  std::vector<std::string> problems;
  const auto check_entry = [&](const core::SignalEntry& e, const char* where) {
    if (e.signal == core::SignalAction::kEnter &&
        (e.sector.empty() || !market::try_canonical_sector(e.sector))) {
      problems.push_back(
          fmt::format("{} ENTER {} has unknown sector '{}'", where, e.ticker, e.sector));
    }
    if ((e.signal == core::SignalAction::kEnter || e.signal == core::SignalAction::kHold) &&
        !in_bar_store(e.ticker)) {
      problems.push_back(fmt::format("{} {} is missing from the bar store", where, e.ticker));
    }
    if (e.score && (!std::isfinite(*e.score) || *e.score < 0 || *e.score > 100)) {
      problems.push_back(
          fmt::format("{} {} has score {} outside [0, 100]", where, e.ticker, *e.score));
    }
  };
  for (const auto& e : signals.universe) check_entry(e, "universe:");
  for (const auto& e : signals.buy_candidates) check_entry(e, "buy_candidates:");
  if (!problems.empty()) {
    throw SignalsRejected(fmt::format("signals for {} rejected before writing: {}",
                                      core::format_date(signals.date), fmt::join(problems, "; ")));
  }
}

}  // namespace ae::research
