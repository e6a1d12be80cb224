#include "research/pipeline.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <set>

#include "core/contracts/contract.h"
#include "core/contracts/health_writer.h"
#include "core/fnv.h"
#include "core/repeated_warnings.h"
#include "research/errors.h"
#include "research/factors.h"
#include "research/history.h"
#include "research/judgment_steps.h"
#include "research/population.h"
#include "research/scanner.h"
#include "research/scoring.h"
#include "research/signals_builder.h"
#include "research/technical_score.h"

namespace ae::research {
namespace {

constexpr const char* kMetricNamespace = "AlphaEngine/Research";

// FNV-1a of the effective parameters: a stable fingerprint for metadata.
std::string fingerprint(const nlohmann::json& parameters) {
  return fmt::format("{:016x}", core::Fnv1a().add(parameters.dump()).value());
}

nlohmann::json population_document(core::Date date, const MacroView& macro,
                                   const std::vector<Member>& population) {
  nlohmann::json members = nlohmann::json::array();
  for (const auto& m : population) {
    members.push_back({{"ticker", m.ticker},
                       {"sector", market::gics_name(m.sector)},
                       {"entry_date", core::format_date(m.entry_date)},
                       {"long_term_score", m.score},
                       {"long_term_rating", m.rating},
                       {"conviction", m.conviction},
                       {"thesis_summary", m.thesis_summary}});
  }
  nlohmann::json modifiers = nlohmann::json::object(), ratings = nlohmann::json::object();
  for (market::Sector sector : market::all_sectors()) {
    const auto& call = macro.sectors[static_cast<int>(sector)];
    modifiers[std::string(market::sector_name(sector))] = call.modifier;
    ratings[std::string(market::sector_name(sector))] = call.rating;
  }
  return {{"date", core::format_date(date)},
          {"market_regime", macro.regime},
          {"sector_modifiers", modifiers},
          {"sector_ratings", ratings},
          {"population", members}};
}

void put_metric(const ResearchContext& context, const std::string& name, double value) {
  if (context.metrics == nullptr) return;
  context.metrics->put_metric({kMetricNamespace, name, {}, value, "Count", context.clock.now()});
}

}  // namespace

std::string signals_key(core::Date date) {
  return "signals/" + core::format_date(date) + "/signals.json";
}

namespace {

RunResult run_research_steps(const ResearchContext& context, const RunOptions& options) {
  const auto& p = context.parameters;
  const core::Date date = options.date;
  const auto& calendar = context.bars.calendar();
  if (!calendar.is_trading_day(date))
    throw ResearchInputError("research: " + core::format_date(date) + " is not a trading day");
  RunResult result;
  result.date = date;
  result.signals_key = signals_key(date);
  if (!options.force && context.store.exists(result.signals_key)) {
    spdlog::info("research: {} exists; skipped (use --force to re-run)", result.signals_key);
    result.skipped = true;
    return result;
  }
  if (!context.bars.has_universe())
    throw ResearchInputError(
        "research: the bar store has no universe (run `ae data synth` or "
        "`ae data import --universe`)");
  const auto universe = context.bars.read_universe();
  ResearchHistory history(context.history);
  const auto holdings = history.population_before(date);

  // Who is scored: every index member on the date, plus holdings that left.
  std::vector<TickerSector> tickers;
  std::set<std::string> members;
  for (const auto& c : universe.constituents) {
    if (!c.member_on(date)) continue;
    members.insert(c.ticker);
    tickers.push_back({c.ticker, c.sector});
  }
  for (const auto& h : holdings) {
    if (!members.count(h.ticker)) tickers.push_back({h.ticker, h.sector});
  }
  result.universe_size = members.size();
  const int stale = static_cast<int>(p.get_int("scanner.stale_after_days"));
  const auto indicators =
      compute_all_indicators(context.bars, tickers, date, stale, options.threads);
  std::map<std::string, const Indicators*> by_ticker;
  std::vector<const Indicators*> universe_indicators;
  for (std::size_t i = 0; i < tickers.size(); ++i) {
    if (!indicators[i]) continue;
    by_ticker[tickers[i].ticker] = &*indicators[i];
    if (members.count(tickers[i].ticker)) universe_indicators.push_back(&*indicators[i]);
  }
  std::set<std::string> held;
  for (const auto& h : holdings) {
    held.insert(h.ticker);
    if (members.count(h.ticker) && !by_ticker.count(h.ticker))
      throw ResearchInputError("research: held name " + h.ticker + " has no bars within " +
                               std::to_string(stale) + " trading days of " +
                               core::format_date(date) + " in the bar store");
  }

  // Judgment seam.
  std::map<std::string, std::string> agents = {{"macro", p.get_string("agents.macro")},
                                               {"team_review", p.get_string("agents.team_review")},
                                               {"cio", p.get_string("agents.cio")}};
  for (const auto& [step, command] : options.agents) {
    check_agent_step(step);
    agents[step] = command;
  }
  Judgment judgment(agents, std::chrono::milliseconds(static_cast<std::int64_t>(
                                p.get_double("agents.timeout_seconds") * 1000)));

  // Macro regime.
  const auto macro_inputs =
      gather_macro_inputs(context.bars, date, universe_indicators,
                          static_cast<int>(p.get_int("macro.sector_lookback_days")));
  const MacroView macro = judge_macro(judgment, date, macro_inputs, macro_rule(macro_inputs, p), p);
  result.regime = macro.regime;

  // Technical scores and the scanner (over index members only).
  const auto technical = technical_params(p, macro.regime);
  std::map<std::string, double> tech_scores;
  for (const auto& [ticker, x] : by_ticker) tech_scores[ticker] = technical_score(*x, technical);
  std::vector<ScanInput> scan_inputs;
  for (const auto& t : tickers) {
    if (!members.count(t.ticker)) continue;
    auto it = by_ticker.find(t.ticker);
    scan_inputs.push_back({t.ticker, it == by_ticker.end() ? nullptr : it->second,
                           it == by_ticker.end() ? NAN : tech_scores[t.ticker]});
  }
  std::set<std::string> held_members;
  for (const auto& t : held) {
    if (members.count(t)) held_members.insert(t);
  }
  const auto scan = run_scanner(scan_inputs, held_members, scanner_params(p));
  result.scanner_candidates = scan.candidates.size();

  // Factor composites over everything with data, ranked within sector.
  std::vector<FactorInput> factor_inputs;
  std::vector<std::string> factor_tickers;
  for (const auto& [ticker, x] : by_ticker) {
    factor_inputs.push_back({x, nullptr});
    factor_tickers.push_back(ticker);
  }
  const auto profiles = compute_factor_profiles(factor_inputs);
  std::map<std::string, ScoredName> scored;
  for (std::size_t i = 0; i < factor_tickers.size(); ++i) {
    const auto& ticker = factor_tickers[i];
    const bool in_input_set =
        std::binary_search(scan.input_set.begin(), scan.input_set.end(), ticker);
    if (!in_input_set && !held.count(ticker)) continue;
    scored.emplace(
        ticker, score_name(*by_ticker.at(ticker), profiles[i], tech_scores.at(ticker), macro, p));
  }

  // Sector teams.
  std::vector<ScoredName> input_names;
  for (const auto& ticker : scan.input_set) input_names.push_back(scored.at(ticker));
  const auto slates =
      build_team_slates(input_names, static_cast<std::size_t>(p.get_int("teams.quant_top_n")));
  const auto weights = composite_weights(p);
  std::vector<std::string> recommended;
  std::map<std::string, std::string> rationale;
  for (const auto& slate : slates) {
    for (const auto& pick :
         judge_team(judgment, date, slate, macro.regime,
                    static_cast<std::size_t>(p.get_int("teams.picks_per_team")))) {
      auto& s = scored.at(pick.ticker);
      if (pick.qual_score) s.qual_score = pick.qual_score;
      if (pick.thesis_summary) s.thesis_summary = *pick.thesis_summary;
      if (pick.catalysts) s.catalysts = *pick.catalysts;
      rescore(s, macro, weights, pick.conviction);
      recommended.push_back(pick.ticker);
    }
  }
  result.recommendations = recommended.size();

  // CIO.
  std::vector<CioCandidate> candidates;
  for (const auto& ticker : recommended) {
    const auto& s = scored.at(ticker);
    candidates.push_back({ticker, s.quant_score, s.qual_score, s.composite.final_score,
                          macro.sectors[static_cast<int>(s.sector)].rating,
                          held.count(ticker) > 0});
  }
  std::vector<std::string> holding_list(held.begin(), held.end());
  const auto cio = judge_cio(judgment, date, candidates, macro.regime, holding_list, cio_params(p),
                             p.get_string("cio.agent_failure_policy"));
  for (const auto& d : cio.decisions) rationale[d.ticker] = d.rationale;
  if (cio.tripwire) {
    core::warn_repeated(
        "research: net-new entrants below the alert floor",
        fmt::format("only {} on {} (alert floor {})", cio.net_new, core::format_date(date),
                    p.get_int("cio.new_entrant_alert_floor")));
  }

  // Exits and population, on fresh scores.
  std::vector<Member> current;
  for (auto m : holdings) {
    if (auto it = scored.find(m.ticker); it != scored.end()) {
      m.score = it->second.composite.final_score;
      m.rating = it->second.composite.rating;
      m.conviction = it->second.conviction;
      m.thesis_summary = it->second.thesis_summary;
    }
    current.push_back(std::move(m));
  }
  const auto params = population_params(p);
  const auto evaluation = evaluate_exits(current, members, date, params);
  std::vector<Member> entrants;
  for (const auto& ticker : cio.advanced) {
    if (held.count(ticker)) continue;
    const auto& s = scored.at(ticker);
    entrants.push_back({ticker, s.sector, date, s.composite.final_score, s.composite.rating,
                        s.conviction, s.thesis_summary});
  }
  const auto update = apply_entries(evaluation, entrants, params);
  result.entries = update.entered;
  for (const auto& e : update.exits) result.exits.push_back(e.member.ticker);
  result.population_size = update.population.size();

  // signals.json.
  const std::string generated_at = core::format_timestamp(context.clock.now());
  SignalsInputs signal_inputs;
  signal_inputs.date = date;
  signal_inputs.generated_at = generated_at;
  signal_inputs.macro = &macro;
  signal_inputs.scored = &scored;
  signal_inputs.population = &update;
  signal_inputs.metadata = {{"generator", "ae research"},
                            {"config_fingerprint", fingerprint(p.to_json())},
                            {"judgment", judgment.records_json()},
                            {"macro",
                             {{"points", macro.points},
                              {"guardrail_fired", macro.guardrail_fired},
                              {"key_theme", macro.key_theme}}},
                            {"scanner",
                             {{"universe_size", members.size()},
                              {"with_data", universe_indicators.size()},
                              {"candidates", scan.candidates.size()},
                              {"input_set", scan.input_set.size()}}},
                            {"cio",
                             {{"candidates", candidates.size()},
                              {"advanced", cio.advanced},
                              {"net_new", cio.net_new},
                              {"cap", cio.cap},
                              {"floor", cio.floor},
                              {"tripwire", cio.tripwire}}},
                            {"exits", [&] {
                               nlohmann::json out = nlohmann::json::array();
                               for (const auto& e : update.exits)
                                 out.push_back({{"ticker", e.member.ticker},
                                                {"reason", exit_reason_name(e.reason)},
                                                {"detail", e.detail}});
                               return out;
                             }()}};
  const auto signals = build_signals(signal_inputs, p);
  check_signals(signals, [&](std::string_view t) { return context.bars.contains(t); });
  const auto document = signals_document(signals, scored);
  core::write_contract(context.store, core::Contract::kSignals,
                       {result.signals_key, kLatestSignalsKey}, document);
  const auto population_json = population_document(date, macro, update.population).dump(2);
  context.store.put("population/" + core::format_date(date) + ".json", population_json);
  context.store.put("population/latest.json", population_json);
  for (const auto& e : signals.buy_candidates) result.buy_candidates.push_back(e.ticker);
  result.judgments = judgment.records();

  // History.
  RunRecord record;
  record.date = date;
  record.generated_at = generated_at;
  record.regime = macro.regime;
  record.counts = {{"universe", members.size()},
                   {"candidates", scan.candidates.size()},
                   {"recommendations", recommended.size()},
                   {"entries", update.entered.size()},
                   {"exits", update.exits.size()},
                   {"buy_candidates", signals.buy_candidates.size()},
                   {"population", update.population.size()}};
  record.metadata = *signals.metadata;
  const std::set<std::string> recommended_set(recommended.begin(), recommended.end());
  for (const auto& [ticker, s] : scored) {
    record.scored.push_back(&s);
    const bool team = recommended_set.count(ticker) > 0, is_held = held.count(ticker) > 0;
    record.scored_source.push_back(team && is_held ? "both"
                                   : team          ? "team"
                                   : is_held       ? "held"
                                                   : "slate");
    record.theses.push_back({ticker, s.thesis_summary,
                             rationale.count(ticker) ? rationale.at(ticker) : "", s.catalysts});
  }
  record.scan = &scan;
  record.population = update.population;
  record.entered = update.entered;
  record.exits = update.exits;
  for (const auto& e : signals.universe) {
    if (e.signal == core::SignalAction::kHold) continue;
    auto it = by_ticker.find(e.ticker);
    if (it == by_ticker.end()) continue;
    record.outcomes.push_back({e.ticker, e.signal, e.score, it->second->price});
  }
  history.record_run(record);
  history.fill_forward_returns(context.bars, date);

  put_metric(context, "buy_candidates_count", static_cast<double>(result.buy_candidates.size()));
  put_metric(context, "new_entrants_count", static_cast<double>(cio.net_new));
  put_metric(context, "exits_count", static_cast<double>(update.exits.size()));
  std::size_t fallbacks = 0;
  for (const auto& r : result.judgments) fallbacks += r.fallback_reason ? 1 : 0;
  put_metric(context, "agent_fallbacks_count", static_cast<double>(fallbacks));
  spdlog::info("research {}: regime {}, {} candidates, {} buy candidates, {} entries, {} exits",
               core::format_date(date), nlohmann::json(macro.regime).get<std::string>(),
               scan.candidates.size(), result.buy_candidates.size(), result.entries.size(),
               result.exits.size());
  return result;
}

}  // namespace

RunResult run_research(const ResearchContext& context, const RunOptions& options) {
  try {
    auto result = run_research_steps(context, options);
    if (!result.skipped)
      core::write_health(context.store, "research", core::HealthStatus::kOk, result.date,
                         context.clock.now(),
                         {{"regime", result.regime},
                          {"buy_candidates", result.buy_candidates.size()},
                          {"population", result.population_size}});
    return result;
  } catch (const std::exception& e) {
    core::write_health(context.store, "research", core::HealthStatus::kFailed, options.date,
                       context.clock.now(), nlohmann::json::object(), {}, e.what());
    throw;
  }
}

}  // namespace ae::research
