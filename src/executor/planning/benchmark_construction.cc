#include "executor/planning/benchmark_construction.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <vector>

#include "executor/broker/execution_models.h"
#include "executor/planning/candidate_ranking.h"
#include "executor/planning/contract_text.h"
#include "executor/planning/market_data.h"

namespace ae::executor {
namespace {

using Candidate = RankedCandidate;

bool vetoed(const Candidate& candidate, const RiskConfig& c) {
  return c.gbm_veto_enabled && candidate.prediction->gbm_veto;
}

bool eligible(const Candidate& candidate, const RiskConfig& c) {
  return !vetoed(candidate, c) && candidate.prediction->predicted_alpha >= c.min_alpha;
}

// Why an ineligible candidate is not bought (formatted only when shown).
std::string ineligible_reason(const Candidate& candidate, const RiskConfig& c) {
  const auto& prediction = *candidate.prediction;
  if (vetoed(candidate, c))
    return fmt::format("GBM veto: α={:.2f}%, rank={}", prediction.predicted_alpha * 100,
                       prediction.combined_rank);
  return fmt::format("alpha {:.2f}% below {:.2f}%", prediction.predicted_alpha * 100,
                     c.min_alpha * 100);
}

// Sessions from the entry date to the as-of session, both counted (SPY's
// dates are the sessions); a position without an entry date counts as old.
int sessions_held(const PlanInput& in, const Position& position) {
  if (!position.entry_date) return 1 << 20;
  const auto spy = in.histories->find(kBenchmarkSymbol);
  if (spy == in.histories->end()) return 1 << 20;
  const auto& dates = spy->second.dates;
  return static_cast<int>(dates.end() -
                          std::lower_bound(dates.begin(), dates.end(), *position.entry_date));
}

double raw_weight(const Candidate& candidate, std::size_t n, const RiskConfig& c) {
  const double rank_score =
      static_cast<double>(n - candidate.rank) / static_cast<double>(std::max<std::size_t>(n, 1));
  const double confidence = std::clamp(candidate.prediction->prediction_confidence, 0.0, 1.0);
  double w = rank_score * ((1 - c.confidence_weight) + 2 * c.confidence_weight * confidence);
  if (c.volatility_scaling) w /= std::max(candidate.atr_pct, 1e-4);
  return w;
}

// Target weights of the selected stocks (share of NAV), after the name and
// sector caps.
core::TickerMap<double> target_weights(const std::vector<const Candidate*>& selected,
                                       const CandidateRanking& candidates, double sleeve,
                                       const RiskConfig& c) {
  const std::size_t n_candidates = candidates.ranked().size();
  core::TickerMap<double> out;
  double total = 0;
  for (const auto* s : selected) total += raw_weight(*s, n_candidates, c);
  if (!(total > 0) || !(sleeve > 0)) {
    for (const auto* s : selected) out[s->ticker] = 0;
    return out;
  }
  std::map<std::string_view, double> by_sector;
  for (const auto* s : selected) {
    const double w = std::min(raw_weight(*s, n_candidates, c) / total * sleeve, c.max_name_pct);
    out[s->ticker] = w;
    by_sector[s->sector] += w;
  }
  if (c.sector_caps_enabled) {
    for (const auto* s : selected) {
      const double limit = candidates.sector_share(s->sector) * sleeve + c.max_sector_active_pct;
      const double in_sector = by_sector[s->sector];
      if (in_sector > limit) out[s->ticker] *= limit / in_sector;
    }
  }
  return out;
}

void block(Plan& plan, const PlanInput& in, const Candidate& candidate, const std::string& reason,
           double target_pct) {
  ShadowEntry e;
  e.ticker = candidate.ticker;
  e.block_reason = reason;
  e.sector = std::string(candidate.sector);
  e.sector_rating = text_of(core::SectorRating::kMarketWeight);
  e.conviction = text_of(core::Conviction::kStable);
  e.predicted_direction = text_of(candidate.prediction->predicted_direction);
  e.prediction_confidence = candidate.prediction->prediction_confidence;
  e.intended_position_pct = target_pct;
  e.intended_dollars = target_pct * in.portfolio.nav;
  e.intended_shares = static_cast<int>(std::floor(e.intended_dollars / candidate.price));
  e.current_price = candidate.price;
  e.portfolio_nav = in.portfolio.nav;
  e.market_regime = text_of(in.signals->market_regime);
  plan.blocked.push_back(std::move(e));
}

// The round-trip cost of holding `weight` of NAV in the candidate, as a
// fraction of the position (buy now, sell later at the same price).
double round_trip_cost(const Candidate& candidate, double weight, const PlanInput& in,
                       const ExecutionModels& models) {
  const int shares = static_cast<int>(std::floor(weight * in.portfolio.nav / candidate.price));
  Liquidity liquidity;
  if (const auto h = in.histories->find(candidate.ticker); h != in.histories->end()) {
    liquidity.volume = h->second.volume.empty() ? 0 : h->second.volume.back();
    liquidity.daily_volatility = daily_volatility(h->second.close);
  }
  return estimated_cost(models, Side::kBuy, shares, candidate.price, liquidity) +
         estimated_cost(models, Side::kSell, shares, candidate.price, liquidity);
}

core::ApprovedEntry entry_of(const std::string& ticker, int shares, double price, double target,
                             double atr_pct, const core::Prediction* prediction,
                             const PlanInput& in, const RiskConfig& c) {
  core::ApprovedEntry e;
  e.ticker = ticker;
  e.shares = shares;
  e.current_price = price;
  e.dollar_size = std::round(shares * price * 100) / 100;
  e.position_pct = std::round(target * 10000) / 10000;
  e.atr_pct = atr_pct;
  if (c.atr_stops_enabled && atr_pct > 0 && ticker != kBenchmarkSymbol)
    e.atr_value = atr_pct * price;
  e.triggers = {{"market_on_open", true}};
  e.market_regime = in.signals->market_regime;
  if (prediction) {
    e.predicted_direction = prediction->predicted_direction;
    e.prediction_confidence = prediction->prediction_confidence;
    e.predicted_alpha = prediction->predicted_alpha;
  }
  return e;
}

}  // namespace

std::set<std::string> plan_benchmark_relative(const PlanInput& in, const RiskConfig& c,
                                              Plan& plan) {
  std::set<std::string> exiting;
  const double nav = in.portfolio.nav;
  if (!(nav > 0)) return exiting;
  const auto models = default_execution_models(c);
  const auto ranking = ranking_for(in);
  const auto& candidates = *ranking;
  const std::size_t n_candidates = candidates.ranked().size();
  const double sleeve = c.stock_sleeve_pct * plan.dd_multiplier;
  const auto max_names = static_cast<std::size_t>(c.max_names);
  const auto hold_rank = static_cast<std::size_t>(std::ceil(c.hold_rank_multiple * c.max_names));

  // Selection: the held stocks that stay, then the best new ones.
  std::vector<const Candidate*> selected;
  std::set<std::string> kept;
  for (const auto& p : in.portfolio.positions) {
    if (p.ticker == kBenchmarkSymbol || p.shares <= 0 || p.stale_since) continue;
    const auto* candidate = candidates.find(p.ticker);
    const bool locked = sessions_held(in, p) < c.min_holding_days;
    if (!candidate) continue;  // no prediction or price today: exits
    if (locked || (eligible(*candidate, c) && candidate->rank < hold_rank)) {
      selected.push_back(candidate);
      kept.insert(p.ticker);
    }
  }
  const double typical_weight =
      std::min(sleeve / static_cast<double>(std::max<std::size_t>(max_names, 1)), c.max_name_pct);
  for (const auto* ranked : candidates.ranked()) {
    const Candidate& candidate = *ranked;
    if (selected.size() >= max_names) break;
    if (kept.count(candidate.ticker) || in.portfolio.find(candidate.ticker)) continue;
    if (!eligible(candidate, c)) {
      if (candidate.rank < max_names)
        block(plan, in, candidate, ineligible_reason(candidate, c), 0);
      continue;
    }
    const double cost = round_trip_cost(candidate, typical_weight, in, models);
    if (candidate.prediction->predicted_alpha <= c.cost_hurdle * cost) {
      if (candidate.rank < max_names)
        block(plan, in, candidate,
              fmt::format("alpha {:.2f}% within the cost hurdle ({:.2f}% round trip)",
                          candidate.prediction->predicted_alpha * 100, cost * 100),
              typical_weight);
      continue;
    }
    selected.push_back(ranked);
  }
  std::sort(selected.begin(), selected.end(),
            [](const Candidate* a, const Candidate* b) { return a->rank < b->rank; });
  const auto targets = target_weights(selected, candidates, sleeve, c);

  // Stock orders; the weights after trading decide the SPY sleeve.
  const double threshold = c.rebalance_threshold_pct;
  double stocks_after = 0;
  std::vector<core::ApprovedEntry> buys;
  for (const auto& p : in.portfolio.positions) {
    if (p.ticker == kBenchmarkSymbol || p.shares <= 0) continue;
    const double price = in.prices.at(p.ticker);  // its as-of close, as the market value
    const double weight = p.market_value / nav;
    if (p.stale_since) {  // no price to trade at: held as it is
      stocks_after += weight;
      continue;
    }
    const auto target = targets.find(p.ticker);
    if (target == targets.end() || target->second <= 0) {
      const auto* candidate = candidates.find(p.ticker);
      const std::string why =
          !candidate
              ? "no prediction today"
              : fmt::format("alpha rank {} of {}{}", candidate->rank + 1, n_candidates,
                            eligible(*candidate, c) ? "" : ": " + ineligible_reason(*candidate, c));
      plan.book.urgent_exits.push_back({p.ticker, core::ExitAction::kExit, p.shares,
                                        "rebalance_exit", why, core::OrderStatus::kNew});
      exiting.insert(p.ticker);
      continue;
    }
    const double delta = target->second - weight;
    if (std::abs(delta) <= threshold || !(price > 0)) {
      stocks_after += weight;
      continue;
    }
    const int shares = static_cast<int>(std::floor(std::abs(delta) * nav / price));
    if (shares == 0) {
      stocks_after += weight;
      continue;
    }
    if (delta < 0) {
      plan.book.urgent_exits.push_back(
          {p.ticker, core::ExitAction::kReduce, std::min(shares, p.shares), "rebalance_reduce",
           fmt::format("weight {:.2f}% -> {:.2f}%", weight * 100, target->second * 100),
           core::OrderStatus::kNew});
    } else {
      const auto* candidate = candidates.find(p.ticker);
      buys.push_back(entry_of(p.ticker, shares, price, target->second, candidate->atr_pct,
                              candidate->prediction, in, c));
    }
    stocks_after += target->second;
  }
  for (const auto* candidate : selected) {
    if (in.portfolio.find(candidate->ticker)) continue;
    const double target = targets.at(candidate->ticker);
    const int shares = static_cast<int>(std::floor(target * nav / candidate->price));
    if (shares == 0 || shares * candidate->price < c.min_position_dollar) {
      block(plan, in, *candidate,
            fmt::format("target {:.2f}% of NAV below the minimum position", target * 100), target);
      continue;
    }
    buys.push_back(entry_of(candidate->ticker, shares, candidate->price, target, candidate->atr_pct,
                            candidate->prediction, in, c));
    stocks_after += target;
  }

  // The SPY sleeve.
  const auto* spy_price = in.prices.find(kBenchmarkSymbol);
  const auto* spy_held = in.portfolio.find(kBenchmarkSymbol);
  const double spy_price_now =
      spy_price
          ? *spy_price
          : (spy_held && spy_held->shares > 0 ? spy_held->market_value / spy_held->shares : 0);
  if (spy_price_now > 0) {
    const double spy_weight = spy_held ? spy_held->market_value / nav : 0;
    const double spy_target = std::max(c.target_equity_pct - stocks_after, 0.0);
    const double delta = spy_target - spy_weight;
    const int shares = static_cast<int>(std::floor(std::abs(delta) * nav / spy_price_now));
    if (std::abs(delta) > threshold && shares > 0) {
      if (delta < 0) {
        plan.book.urgent_exits.push_back(
            {kBenchmarkSymbol, core::ExitAction::kReduce, std::min(shares, spy_held->shares),
             "benchmark_sleeve",
             fmt::format("sleeve {:.2f}% -> {:.2f}%", spy_weight * 100, spy_target * 100),
             core::OrderStatus::kNew});
      } else {
        const auto* atr = in.atr_pct.find(kBenchmarkSymbol);
        buys.push_back(entry_of(kBenchmarkSymbol, shares, spy_price_now, spy_target, atr ? *atr : 0,
                                nullptr, in, c));
      }
    }
  }
  for (auto& b : buys) plan.book.approved_entries.push_back(std::move(b));
  return exiting;
}

}  // namespace ae::executor
