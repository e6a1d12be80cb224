#include "research/judgment_steps.h"

#include <algorithm>
#include <set>

#include "core/error.h"

namespace ae::research {
namespace {

double clamp_score(double x) { return std::clamp(x, 0.0, 100.0); }

nlohmann::json optional_number(const std::optional<double>& x) {
  return x ? nlohmann::json(*x) : nlohmann::json(nullptr);
}

nlohmann::json nan_to_null(double x) {
  return std::isnan(x) ? nlohmann::json(nullptr) : nlohmann::json(x);
}

nlohmann::json macro_json(const MacroView& view) {
  nlohmann::json modifiers = nlohmann::json::object(), ratings = nlohmann::json::object();
  for (market::Sector sector : market::all_sectors()) {
    const auto& call = view.sectors[static_cast<int>(sector)];
    const std::string name(market::sector_name(sector));
    modifiers[name] = call.modifier;
    ratings[name] = {{"rating", call.rating}, {"rationale", call.rationale}};
  }
  return {{"market_regime", view.regime},
          {"sector_modifiers", modifiers},
          {"sector_ratings", ratings},
          {"key_theme", view.key_theme}};
}

}  // namespace

MacroView judge_macro(Judgment& judgment, core::Date date, const MacroInputs& in,
                      const MacroView& rule, const core::ParameterSet& p) {
  const std::string instance(kMacroStep);
  const nlohmann::json request = {{"step", kMacroStep},
                                  {"date", core::format_date(date)},
                                  {"inputs",
                                   {{"spy_price", nan_to_null(in.spy_price)},
                                    {"spy_vs_ma200", nan_to_null(in.spy_vs_ma200)},
                                    {"spy_return_30d", nan_to_null(in.spy_return_30d)},
                                    {"spy_drawdown", nan_to_null(in.spy_drawdown)},
                                    {"vix", nan_to_null(in.vix)},
                                    {"breadth_above_ma200", nan_to_null(in.breadth_above_ma200)}}},
                                  {"rule", macro_json(rule)}};
  const auto answer = judgment.ask(kMacroStep, instance, request);
  if (!answer) return rule;
  MacroView view = rule;
  view.guardrail_fired = false;
  view.regime = answer->at("market_regime").get<core::MarketRegime>();
  if (auto it = answer->find("key_theme"); it != answer->end()) view.key_theme = *it;
  for (const char* key : {"sector_modifiers", "sector_ratings"}) {
    auto it = answer->find(key);
    if (it == answer->end()) continue;
    for (const auto& [label, value] : it->items()) {
      const auto sector = market::try_canonical_sector(label);
      if (!sector) {
        judgment.reject(instance, "unknown sector '" + label + "' in " + key);
        return rule;
      }
      auto& call = view.sectors[static_cast<int>(*sector)];
      if (std::string(key) == "sector_modifiers") {
        call.modifier = clamp_modifier(value.get<double>());
        call.rating = rating_for_modifier(call.modifier, p);
      } else {
        if (value.contains("rating")) call.rating = value.at("rating").get<core::SectorRating>();
        if (value.contains("rationale")) call.rationale = value.at("rationale");
      }
    }
  }
  apply_guardrail(view, in, p);
  return view;
}

std::vector<TeamPick> judge_team(Judgment& judgment, core::Date date, const TeamSlate& slate,
                                 core::MarketRegime regime, std::size_t picks_per_team) {
  const std::string instance = std::string(kTeamReviewStep) + ":" + slate.team;
  const auto rule = rule_team_picks(slate, picks_per_team);
  nlohmann::json names = nlohmann::json::array();
  for (const auto* s : slate.names) {
    nlohmann::json factors = nlohmann::json::object();
    for (int f = 0; f < kFactorCount; ++f) {
      if (s->factors.score[f])
        factors[std::string(factor_name(static_cast<Factor>(f)))] = *s->factors.score[f];
    }
    names.push_back({{"ticker", s->ticker},
                     {"sector", market::sector_name(s->sector)},
                     {"quant_score", s->quant_score},
                     {"qual_score", optional_number(s->qual_score)},
                     {"factor_subscore", optional_number(s->factor_subscore)},
                     {"final_score", s->composite.final_score},
                     {"factors", factors},
                     {"thesis_summary", s->thesis_summary}});
  }
  const nlohmann::json request = {
      {"step", kTeamReviewStep},  {"date", core::format_date(date)},  {"team", slate.team},
      {"market_regime", regime},  {"picks_per_team", picks_per_team}, {"slate", names},
      {"rule", {{"picks", rule}}}};
  std::vector<TeamPick> rule_picks;
  for (const auto& t : rule)
    rule_picks.push_back({t, std::nullopt, std::nullopt, std::nullopt, std::nullopt});
  const auto answer = judgment.ask(kTeamReviewStep, instance, request);
  if (!answer) return rule_picks;
  std::set<std::string> offered;
  for (const auto* s : slate.names) offered.insert(s->ticker);
  const auto& picks = answer->at("picks");
  if (picks.size() > picks_per_team) {
    judgment.reject(instance, "more than " + std::to_string(picks_per_team) + " picks");
    return rule_picks;
  }
  std::vector<TeamPick> out;
  std::set<std::string> seen;
  for (const auto& pick : picks) {
    TeamPick t;
    t.ticker = pick.at("ticker");
    if (!offered.count(t.ticker)) {
      judgment.reject(instance, "pick '" + t.ticker + "' is not on the team's slate");
      return rule_picks;
    }
    if (!seen.insert(t.ticker).second) continue;
    if (auto it = pick.find("qual_score"); it != pick.end() && it->is_number())
      t.qual_score = clamp_score(it->get<double>());
    if (auto it = pick.find("conviction"); it != pick.end())
      t.conviction = clamp_score(it->get<double>());
    if (auto it = pick.find("thesis_summary"); it != pick.end()) t.thesis_summary = *it;
    if (auto it = pick.find("catalysts"); it != pick.end())
      t.catalysts = it->get<std::vector<std::string>>();
    out.push_back(std::move(t));
  }
  return out;
}

CioOutcome judge_cio(Judgment& judgment, core::Date date,
                     const std::vector<CioCandidate>& candidates, core::MarketRegime regime,
                     const std::vector<std::string>& population, const CioParams& params,
                     const std::string& failure_policy) {
  const std::string instance(kCioStep);
  const auto rule = rule_cio(candidates, params);
  nlohmann::json listed = nlohmann::json::array(), rule_json = nlohmann::json::array();
  for (const auto& c : candidates) {
    listed.push_back({{"ticker", c.ticker},
                      {"quant_score", c.quant_score},
                      {"qual_score", optional_number(c.qual_score)},
                      {"final_score", c.final_score},
                      {"sector_rating", c.sector_rating},
                      {"held", c.held}});
  }
  for (const auto& d : rule) {
    rule_json.push_back({{"ticker", d.ticker},
                         {"decision", cio_verdict_name(d.verdict)},
                         {"conviction", d.conviction},
                         {"rationale", d.rationale}});
  }
  const nlohmann::json request = {{"step", kCioStep},
                                  {"date", core::format_date(date)},
                                  {"market_regime", regime},
                                  {"population", population},
                                  {"max_new_entrants", params.max_new_entrants},
                                  {"min_new_entrants", params.min_new_entrants},
                                  {"candidates", listed},
                                  {"rule", {{"decisions", rule_json}}}};
  const bool had_agent = judgment.has_agent(kCioStep);
  if (const auto answer = judgment.ask(kCioStep, instance, request)) {
    std::vector<CioDecision> decisions;
    for (const auto& item : answer->at("decisions")) {
      CioDecision d;
      d.ticker = item.at("ticker");
      d.verdict = *parse_cio_verdict(item.at("decision").get<std::string>());
      d.conviction = clamp_score(item.at("conviction").get<double>());
      if (item.contains("rationale")) d.rationale = item.at("rationale");
      if (item.contains("rule_tags")) d.rule_tags = item.at("rule_tags");
      decisions.push_back(std::move(d));
    }
    try {
      return post_process(decisions, candidates, params);
    } catch (const core::InvalidInput& e) {
      judgment.reject(instance, e.what());
    }
  }
  if (had_agent && failure_policy == "top2")
    return post_process(lax_fallback(candidates, params), candidates, params);
  return post_process(rule, candidates, params);
}

}  // namespace ae::research
