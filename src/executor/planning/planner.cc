#include "executor/planning/planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string_view>

#include "core/text.h"
#include "executor/planning/benchmark_construction.h"
#include "executor/planning/contract_text.h"
#include "executor/planning/exits.h"
#include "executor/planning/indicators.h"
#include "executor/planning/market_data.h"
#include "executor/planning/risk_guard.h"
#include "executor/planning/sizing.h"

namespace ae::executor {
namespace {

using core::ExitAction;
using core::SignalAction;

const std::string& sector_of(const PlanInput& in, const std::string& ticker,
                             const core::SignalEntry& s) {
  const auto* sector = in.sector_of.find(ticker);
  return sector ? *sector : s.sector;
}

struct Context {
  const PlanInput& in;
  const RiskConfig& c;
  Plan& plan;
};

void block(Context& ctx, const ActionableSignal& a, const std::string& reason,
           const std::optional<double>& price, int shares = 0, double dollars = 0, double pct = 0) {
  const auto& s = *a.entry;
  ShadowEntry e;
  e.ticker = a.ticker;
  e.block_reason = reason;
  e.research_score = s.score;
  e.conviction = text_of(s.conviction);
  e.sector = sector_of(ctx.in, a.ticker, s);
  e.sector_rating = text_of(s.sector_rating);
  if (auto p = ctx.in.predictions->find(a.ticker); p != ctx.in.predictions->end()) {
    e.predicted_direction = text_of(p->second.predicted_direction);
    e.prediction_confidence = p->second.prediction_confidence;
  }
  e.intended_position_pct = pct;
  e.intended_shares = shares;
  e.intended_dollars = dollars;
  e.current_price = price;
  e.portfolio_nav = ctx.in.portfolio.nav;
  e.market_regime = text_of(ctx.in.signals->market_regime);
  ctx.plan.blocked.push_back(std::move(e));
}

nlohmann::json entry_triggers(const PlanInput& in, const RiskConfig& c, const std::string& ticker,
                              double atr_pct) {
  nlohmann::json t = {{"pullback_pct", atr_pct * c.pullback_atr_multiple},
                      {"pullback_atr_multiple", c.pullback_atr_multiple},
                      {"atr_pct", atr_pct},
                      {"vwap_discount", c.vwap_discount},
                      {"vwap", nullptr},
                      {"support_level", nullptr}};
  if (const auto* v = in.vwap.find(ticker)) t["vwap"] = *v;
  if (auto h = in.histories->find(ticker); h != in.histories->end() && h->second.size() >= 20) {
    const auto& lows = h->second.low;
    t["support_level"] = *std::min_element(lows.end() - 20, lows.end());
  }
  return t;
}

void plan_entries(Context& ctx, Portfolio& working, const std::vector<ActionableSignal>& enter) {
  const auto& in = ctx.in;
  const auto& c = ctx.c;
  for (const auto& a : enter) {
    const auto& s = *a.entry;
    const auto& ticker = a.ticker;
    if (in.portfolio.find(ticker)) {
      block(ctx, a, "already in portfolio", std::nullopt);
      continue;
    }
    const auto history = in.histories->find(ticker);
    if (c.momentum_gate_enabled && history != in.histories->end() && history->second.size() >= 21) {
      const double mom = momentum(history->second.close, 20);
      if (mom < c.momentum_gate_threshold) {
        block(ctx, a,
              fmt::format("momentum {:.1f}% < {:.1f}%", mom * 100, c.momentum_gate_threshold * 100),
              std::nullopt);
        continue;
      }
    }
    const auto* current = in.prices.find(ticker);
    if (!current || !(*current > 0)) {
      block(ctx, a, "no current price", std::nullopt);
      continue;
    }
    const double price = *current;
    const auto prediction = in.predictions->find(ticker);
    const core::Prediction* pred =
        prediction == in.predictions->end() ? nullptr : &prediction->second;
    SizingInput sizing;
    sizing.n_enter_signals = static_cast<int>(enter.size());
    sizing.sector_rating = s.sector_rating;
    sizing.conviction = s.conviction;
    sizing.price_target_upside = s.price_target_upside;
    sizing.dd_multiplier = ctx.plan.dd_multiplier;
    if (const auto* atr = in.atr_pct.find(ticker)) sizing.atr_pct = *atr;
    if (pred) {
      sizing.prediction_confidence = pred->prediction_confidence;
      sizing.p_up = pred->p_up;
    }
    sizing.signal_age_days = in.signal_age_days;
    sizing.days_to_earnings = s.next_earnings_days;
    sizing.nav = in.portfolio.nav;
    sizing.price = price;
    const auto size = compute_position_size(sizing, c);
    if (size.shares == 0) {
      block(ctx, a, "shares round to 0", price, 0, size.dollar_size, size.position_pct);
      continue;
    }
    if (pred && pred->gbm_veto && c.gbm_veto_enabled) {
      block(ctx, a,
            fmt::format("GBM veto: α={:.2f}%, rank={}", pred->predicted_alpha * 100,
                        pred->combined_rank),
            price, size.shares, size.dollar_size, size.position_pct);
      continue;
    }
    const double dollars = size.shares * price;
    EntryCandidate candidate{ticker, s.score, sector_of(in, ticker, s), s.sector_rating, dollars};
    if (auto reason = check_entry(candidate, working, in.signals->market_regime,
                                  ctx.plan.dd_multiplier, *in.histories, c)) {
      block(ctx, a, *reason, price, size.shares, size.dollar_size, size.position_pct);
      continue;
    }
    core::ApprovedEntry e;
    e.ticker = ticker;
    e.shares = size.shares;
    e.current_price = price;
    e.dollar_size = size.dollar_size;
    e.position_pct = size.position_pct;
    e.atr_pct = sizing.atr_pct.value_or(0);
    if (sizing.atr_pct) e.atr_value = *sizing.atr_pct * price;
    e.triggers = entry_triggers(in, c, ticker, e.atr_pct);
    e.research_score = s.score;
    e.research_conviction = s.conviction;
    e.research_rating = s.rating;
    e.sector_rating = s.sector_rating;
    e.market_regime = in.signals->market_regime;
    e.price_target_upside = s.price_target_upside;
    e.thesis_summary = s.thesis_summary;
    if (pred) {
      e.predicted_direction = pred->predicted_direction;
      e.prediction_confidence = pred->prediction_confidence;
      e.predicted_alpha = pred->predicted_alpha;
    }
    e.sizing_factors = size.factors;
    ctx.plan.book.approved_entries.push_back(std::move(e));
    working.positions.push_back({ticker, size.shares, price, dollars, in.run_date, candidate.sector,
                                 s.score, std::nullopt});
  }
}

}  // namespace

SignalIndex index_signals(const core::Signals& signals) {
  SignalIndex index;
  auto& out = index.actionable;
  out.reserve(signals.buy_candidates.size() + signals.universe.size());
  std::vector<std::string_view> seen;  // sorted views into out (reserved: never moved)
  seen.reserve(out.capacity());
  for (const auto* list : {&signals.buy_candidates, &signals.universe}) {
    for (const auto& entry : *list) {
      auto ticker = core::to_upper(entry.ticker);
      if (ticker.empty()) continue;
      const auto at = std::lower_bound(seen.begin(), seen.end(), std::string_view(ticker));
      if (at != seen.end() && *at == ticker) continue;
      out.push_back({std::move(ticker), &entry});
      seen.insert(at, out.back().ticker);
    }
  }
  for (const auto& a : out) {
    index.research.emplace(a.ticker, a.entry->signal);
    if (a.entry->signal == SignalAction::kEnter) index.enter.push_back(a);
  }
  return index;
}

namespace {

// The reference's construction: exits, reduces and entries from research's
// signals through the sizing chain and the risk guard. Returns the tickers
// that exit in full.
std::set<std::string> plan_signal_entries(const PlanInput& in, const SignalIndex& index,
                                          const RiskConfig& c, Plan& plan) {
  Context ctx{in, c, plan};
  const auto& signals = index.actionable;
  const ExitInput exit_input{in.run_date, &in.portfolio,   in.histories,
                             &in.prices,  &index.research, &in.sector_etf};
  const auto strategy = evaluate_strategy_exits(exit_input, c);

  // EXITs: research EXIT signals for held tickers, strategy EXITs, drawdown.
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> exits;
  std::set<std::string> exiting;
  for (const auto& a : signals) {
    if (a.entry->signal != SignalAction::kExit) continue;
    const auto* held = in.portfolio.find(a.ticker);
    if (held && held->shares > 0 && exiting.insert(a.ticker).second)
      exits.push_back({a.ticker, {"research_exit", "research signal EXIT"}});
  }
  for (const auto& d : strategy) {
    if (d.action == ExitAction::kExit && exiting.insert(d.ticker).second)
      exits.push_back({d.ticker, {d.reason, d.detail}});
  }
  for (const auto& d : drawdown_forced_exits(in.portfolio, plan.dd_multiplier, exiting)) {
    exiting.insert(d.ticker);
    exits.push_back({d.ticker, {d.reason, d.detail}});
  }
  for (const auto& [ticker, why] : exits) {
    if (in.portfolio.find(ticker)->stale_since) continue;  // no price to trade at
    core::UrgentExit x;
    x.ticker = ticker;
    x.signal = ExitAction::kExit;
    x.shares = in.portfolio.find(ticker)->shares;
    x.reason = why.first;
    x.detail = why.second;
    plan.book.urgent_exits.push_back(std::move(x));
  }
  // REDUCEs.
  std::set<std::string> reducing;
  auto add_reduce = [&](const std::string& ticker, const std::string& reason,
                        const std::string& detail) {
    const auto* held = in.portfolio.find(ticker);
    if (!held || held->shares <= 0 || held->stale_since || exiting.count(ticker) ||
        !reducing.insert(ticker).second)
      return;
    const int shares = static_cast<int>(std::floor(held->shares * c.reduce_fraction));
    if (shares == 0) return;
    plan.book.urgent_exits.push_back(
        {ticker, ExitAction::kReduce, shares, reason, detail, core::OrderStatus::kNew});
  };
  for (const auto& a : signals)
    if (a.entry->signal == SignalAction::kReduce)
      add_reduce(a.ticker, "research_reduce", "research signal REDUCE");
  for (const auto& d : strategy)
    if (d.action == ExitAction::kReduce) add_reduce(d.ticker, d.reason, d.detail);

  Portfolio working = in.portfolio;
  plan_entries(ctx, working, index.enter);
  return exiting;
}

}  // namespace

Plan plan_day(const PlanInput& in, const RiskConfig& c) {
  Plan plan;
  plan.book.date = in.run_date;
  plan.dd_multiplier =
      c.drawdown_breaker_enabled ? drawdown_multiplier(in.portfolio.nav, in.peak_nav, c) : 1.0;
  std::set<std::string> exiting;
  if (c.benchmark_relative) {
    exiting = plan_benchmark_relative(in, c, plan);
  } else {
    const auto index = in.signal_index
                           ? in.signal_index
                           : std::make_shared<const SignalIndex>(index_signals(*in.signals));
    exiting = plan_signal_entries(in, *index, c, plan);
  }
  for (const auto& p : in.portfolio.positions) {
    if (p.shares < 0) {
      plan.book.urgent_exits.push_back({p.ticker, ExitAction::kCover, -p.shares,
                                        "short_position_cover", std::nullopt,
                                        core::OrderStatus::kNew});
      continue;
    }
    if (!c.atr_stops_enabled || p.shares == 0 || p.stale_since || exiting.count(p.ticker) ||
        (c.benchmark_relative && p.ticker == kBenchmarkSymbol))
      continue;
    const auto* atr = in.atr_pct.find(p.ticker);
    const double atr_pct = atr ? *atr : 0;
    core::ActiveStop stop;
    stop.ticker = p.ticker;
    stop.entry_price = p.avg_cost;
    const double trail = atr_pct * p.avg_cost;
    stop.current_stop = trail > 0
                            ? std::round((p.avg_cost - trail * c.stop_atr_multiple) * 100) / 100
                            : std::round(p.avg_cost * (1 - c.fallback_stop_pct) * 100) / 100;
    stop.trail_atr = trail;
    stop.atr_multiple = c.stop_atr_multiple;
    stop.high_water = p.avg_cost;
    stop.entry_date = p.entry_date.value_or(in.run_date);
    stop.shares = p.shares;
    plan.book.active_stops.push_back(std::move(stop));
  }
  return plan;
}

}  // namespace ae::executor
