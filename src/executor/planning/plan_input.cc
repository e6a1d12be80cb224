#include "executor/planning/plan_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/text.h"
#include "executor/errors.h"
#include "executor/planning/candidate_ranking.h"
#include "executor/planning/gates.h"
#include "executor/planning/market_data.h"

namespace ae::executor {
namespace {

// A ticker's canonical sector: its signal's, else the universe's, else "".
std::string sector_of(const core::TickerMap<std::string>& signal_sectors,
                      const market::Universe* universe, const std::string& ticker) {
  if (auto it = signal_sectors.find(ticker); it != signal_sectors.end()) return it->second;
  if (universe)
    if (const auto* c = universe->find(ticker)) return std::string(market::sector_name(c->sector));
  return "";
}

core::TickerMap<std::string> signal_sectors_of(const SignalIndex& index) {
  core::TickerMap<std::string> out;
  for (const auto& a : index.actionable)
    if (!a.entry->sector.empty()) out.emplace(a.ticker, canonical_sector_name(a.entry->sector));
  return out;
}

// The predicted tickers but SPY (the benchmark sleeve is not a candidate),
// upper-cased.
std::vector<std::string> predicted_candidates(const PlanSources& sources) {
  std::vector<std::string> out;
  if (!sources.predictions) return out;
  for (const auto& p : *sources.predictions) {
    auto ticker = core::to_upper(p.ticker);
    if (ticker != kBenchmarkSymbol) out.push_back(std::move(ticker));
  }
  return out;
}

}  // namespace

std::vector<std::string> planner_symbols(const PlanSources& sources) {
  const auto index = index_signals(*sources.signals);
  const auto signal_sectors = signal_sectors_of(index);
  std::vector<std::string> symbols;
  for (const auto& p : sources.positions) symbols.push_back(p.ticker);
  for (const auto& a : index.enter) symbols.push_back(a.ticker);
  if (sources.candidates_from_predictions) {
    const auto predicted = predicted_candidates(sources);
    symbols.insert(symbols.end(), predicted.begin(), predicted.end());
  }
  symbols.push_back("SPY");
  for (const auto& p : sources.positions)
    symbols.push_back(sector_etf_for(sector_of(signal_sectors, sources.universe, p.ticker)));
  return symbols;
}

DayPlanInput assemble_day_input(const PlanSources& sources, const PriceHistories& histories) {
  auto index = std::make_shared<const SignalIndex>(index_signals(*sources.signals));
  DayPlanInput day;
  day.signal_sectors = signal_sectors_of(*index);
  for (const auto& a : index->actionable)
    if (a.entry->score) day.research_scores.emplace(a.ticker, *a.entry->score);
  PlanInput& in = day.common;
  in.run_date = sources.date;
  in.signals = sources.signals;
  in.signal_age_days = sources.signal_age_days;
  PredictionsByTicker predictions;
  if (sources.predictions)
    for (const auto& p : *sources.predictions) {
      auto ticker = core::to_upper(p.ticker);
      if (sources.candidates_from_predictions || index->research.count(ticker))
        predictions.emplace(std::move(ticker), p);
    }
  in.predictions = std::make_shared<const PredictionsByTicker>(std::move(predictions));
  in.histories = &histories;
  std::vector<std::string> enter;
  for (const auto& a : index->enter) enter.push_back(a.ticker);
  auto atr_pct = fresh_atr(histories, enter, sources.as_of, day.enter_without_atr);
  core::TickerMap<double> prices, vwap;
  core::TickerMap<std::string> sectors;
  for (const auto& t : enter) {
    sectors[t] = sector_of(day.signal_sectors, sources.universe, t);
    if (auto h = histories.find(t);
        h != histories.end() && !h->second.empty() && h->second.dates.back() == sources.as_of) {
      prices[t] = h->second.close.back();
      if (std::isfinite(h->second.vwap.back())) vwap[t] = h->second.vwap.back();
    }
  }
  if (sources.candidates_from_predictions) {
    if (const auto spy = histories.find(kBenchmarkSymbol);
        spy != histories.end() && !spy->second.empty()) {
      prices[kBenchmarkSymbol] = spy->second.close.back();
      if (const auto atr = atr_pct_as_of(spy->second, sources.as_of))
        atr_pct[kBenchmarkSymbol] = *atr;
    }
    for (const auto& t : predicted_candidates(sources)) {
      if (prices.count(t)) continue;  // an ENTER signal
      const auto h = histories.find(t);
      if (h == histories.end()) continue;
      const auto atr = atr_pct_as_of(h->second, sources.as_of);
      if (!atr) continue;
      prices[t] = h->second.close.back();
      atr_pct[t] = *atr;
      sectors[t] = sector_of(day.signal_sectors, sources.universe, t);
    }
  }
  in.prices = TickerValues<double>(std::move(prices));
  in.atr_pct = TickerValues<double>(std::move(atr_pct));
  in.vwap = TickerValues<double>(std::move(vwap));
  in.sector_of = TickerValues<std::string>(std::move(sectors));
  in.signal_index = std::move(index);
  if (sources.candidates_from_predictions)
    in.candidates = std::make_shared<const CandidateRanking>(in);
  return day;
}

PlanInput assemble_book_input(const DayPlanInput& day, const PlanSources& sources,
                              const PriceHistories& histories) {
  check_spy_fresh(histories, sources.as_of);
  std::vector<std::string> missing_atr;
  core::TickerMap<double> held_atr;
  if (sources.held_data_gate) {
    std::vector<std::string> held;
    held.reserve(sources.positions.size());
    for (const auto& p : sources.positions) held.push_back(p.ticker);
    held_atr = fresh_atr(histories, held, sources.as_of, missing_atr);
  }
  missing_atr.insert(missing_atr.end(), day.enter_without_atr.begin(), day.enter_without_atr.end());
  require_atr(missing_atr, sources.as_of);
  if (!std::isfinite(sources.cash) || sources.cash < 0)
    throw PipelineHardFail(
        fmt::format("broker cash {:.2f} is negative or not finite", sources.cash));

  PlanInput in = day.common;  // the day's values shared, not copied
  for (auto& [ticker, atr] : held_atr) in.atr_pct.set(ticker, atr);
  in.portfolio.cash = sources.cash;
  in.portfolio.positions.reserve(sources.positions.size());
  double nav = in.portfolio.cash;
  for (const auto& p : sources.positions) {
    const auto h = histories.find(p.ticker);
    const bool fresh =
        h != histories.end() && !h->second.empty() && h->second.dates.back() == sources.as_of;
    if (!fresh && sources.held_data_gate)
      throw PipelineHardFail(
          fmt::format("no close on {} for held {}", core::format_date(sources.as_of), p.ticker));
    const bool any_bar = h != histories.end() && !h->second.empty();
    const double price = any_bar ? h->second.close.back() : p.avg_cost;
    Position position;
    position.ticker = p.ticker;
    position.shares = p.shares;
    position.avg_cost = p.avg_cost;
    position.market_value = p.shares * price;
    position.entry_date = p.entry_date;
    if (!fresh) {
      position.stale_since = any_bar ? h->second.dates.back() : sources.as_of;
    } else if (!in.atr_pct.contains(p.ticker)) {
      if (const auto atr = atr_pct_as_of(h->second, sources.as_of)) in.atr_pct.set(p.ticker, *atr);
    }
    position.sector = sector_of(day.signal_sectors, sources.universe, p.ticker);
    if (auto it = day.research_scores.find(p.ticker); it != day.research_scores.end())
      position.research_score = it->second;
    nav += position.market_value;
    in.prices.set(p.ticker, price);
    in.sector_etf[p.ticker] = sector_etf_for(position.sector);
    in.sector_of.set(p.ticker, position.sector);
    in.portfolio.positions.push_back(std::move(position));
  }
  in.portfolio.nav = nav;
  in.peak_nav = std::max(sources.recorded_peak_nav.value_or(nav), nav);
  return in;
}

PlanInput assemble_plan_input(const PlanSources& sources, const PriceHistories& histories) {
  return assemble_book_input(assemble_day_input(sources, histories), sources, histories);
}

}  // namespace ae::executor
